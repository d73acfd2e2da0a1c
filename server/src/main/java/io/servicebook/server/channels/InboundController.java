package io.servicebook.server.channels;

import io.servicebook.server.web.InvalidRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The inbound message endpoint any gateway (SMS, social, a form elsewhere) calls with a customer's
 * message; idempotent by the provider's message id, so a gateway may retry until it gets an answer.
 * The contract is in docs/inbound.md.
 */
@RestController
@RequestMapping("/api/v1/inbound/messages")
class InboundController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";

  private final InboundMessages inbound;
  private final CaseReferences references;

  InboundController(InboundMessages inbound, CaseReferences references) {
    this.inbound = inbound;
    this.references = references;
  }

  @PostMapping
  @PreAuthorize(WORKERS)
  ResponseEntity<Map<String, Object>> receive(
      @RequestBody Map<String, Object> body, Authentication who) {
    InboundMessage message = InboundRequests.read(body);
    InboundMessages.Accepted accepted;
    try {
      accepted = inbound.accept(message, who.getName());
    } catch (IllegalArgumentException refused) {
      throw new InvalidRequest(
          "invalid-inbound-message",
          "The inbound message is not valid",
          List.of(new InvalidRequest.FieldError("from.email", refused.getMessage())));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("case_id", accepted.caseId());
    answer.put("case_reference", references.token(accepted.caseId()).orElse(null));
    answer.put("interaction_id", accepted.interactionId().orElse(null));
    answer.put("outcome", accepted.outcome().name().toLowerCase(java.util.Locale.ROOT));
    HttpStatus status =
        accepted.outcome() == InboundMessages.Outcome.DUPLICATE
            ? HttpStatus.OK
            : HttpStatus.CREATED;
    return ResponseEntity.status(status).body(answer);
  }
}
