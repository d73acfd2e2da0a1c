package io.servicebook.server.channels;

import io.servicebook.protocol.Channel;
import io.servicebook.server.web.InvalidRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a gateway collects the replies waiting for it (SMS, social) and reports what became of
 * each, until the integrations' outbound webhooks push them instead. The contract is in
 * docs/inbound.md.
 */
@RestController
@RequestMapping("/api/v1/outbound/messages")
class OutboundController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";
  private static final int MAX_LIMIT = 200;

  private final Outbox outbox;

  OutboundController(Outbox outbox) {
    this.outbox = outbox;
  }

  /** The messages waiting for a gateway, oldest first, optionally of one channel. */
  @GetMapping
  @PreAuthorize(WORKERS)
  Map<String, Object> waiting(
      @RequestParam(required = false) String channel,
      @RequestParam(defaultValue = "50") int limit) {
    List<InvalidRequest.FieldError> errors = new java.util.ArrayList<>();
    Optional<Channel> only =
        Optional.ofNullable(channel).map(key -> InboundRequests.channel(key.strip(), errors));
    if (limit < 1 || limit > MAX_LIMIT) {
      errors.add(
          new InvalidRequest.FieldError("limit", "must be between 1 and " + MAX_LIMIT + "."));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequest("invalid-parameter", "A parameter is not valid", errors);
    }
    return Map.of(
        "items", outbox.waiting(only, limit).stream().map(OutboundController::view).toList());
  }

  /**
   * The gateway's report: {@code {"state": "sent"}} or {@code {"state": "failed", "reason": …}}.
   */
  @PostMapping("/{id}/delivery")
  @PreAuthorize(WORKERS)
  ResponseEntity<Map<String, Object>> delivered(
      @PathVariable long id, @RequestBody Map<String, Object> body) {
    Object state = body == null ? null : body.get("state");
    Object reason = body == null ? null : body.get("reason");
    boolean sent = "sent".equals(state);
    if (!sent && !"failed".equals(state)) {
      throw new InvalidRequest(
          "invalid-delivery-report",
          "The delivery report is not valid",
          List.of(new InvalidRequest.FieldError("state", "must be “sent” or “failed”.")));
    }
    if (!sent && !(reason instanceof String text && !text.isBlank())) {
      throw new InvalidRequest(
          "invalid-delivery-report",
          "The delivery report is not valid",
          List.of(
              new InvalidRequest.FieldError("reason", "is required when the state is failed.")));
    }
    return outbox
        .reportDelivery(id, sent, sent ? null : (String) reason)
        .map(m -> ResponseEntity.ok(view(m)))
        .orElseThrow(() -> new MessageNotWaiting(id));
  }

  static Map<String, Object> view(OutboundMessage m) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", m.id());
    view.put("case_id", m.caseId().orElse(null));
    view.put("channel", m.channel().key());
    view.put("transport", m.transport());
    view.put("recipient", m.recipient());
    view.put("subject", m.subject());
    view.put("text", m.body());
    view.put("language", m.language());
    view.put("message_id", m.messageId());
    view.put("state", m.state().key());
    view.put("attempts", m.attempts());
    view.put("last_error", m.lastError().orElse(null));
    view.put("created_at", m.createdAt().toString());
    view.put("sent_at", m.sentAt().map(Object::toString).orElse(null));
    return view;
  }
}
