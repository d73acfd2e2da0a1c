package io.servicebook.server.protocols;

import io.servicebook.server.web.InvalidRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/protocols/{slug}/reviews}: "reviewed, no change" confirmations of a protocol's
 * published version, and the list of them.
 */
@RestController
@RequestMapping("/api/v1/protocols/{slug}/reviews")
class ReviewController {

  private final ProtocolReviews reviews;

  ReviewController(ProtocolReviews reviews) {
    this.reviews = reviews;
  }

  /** The body of a confirmation: an optional note. */
  record Confirmation(String note) {}

  @PostMapping
  ResponseEntity<Map<String, Object>> confirm(
      @PathVariable String slug,
      @RequestBody(required = false) Confirmation body,
      Authentication who) {
    Optional<String> note = Optional.ofNullable(body).map(Confirmation::note);
    if (note.isPresent() && note.get().length() > ProtocolReviews.NOTE_LIMIT) {
      throw new InvalidRequest(
          "invalid-review",
          "The review confirmation is not valid",
          List.of(
              new InvalidRequest.FieldError(
                  "note", "at most " + ProtocolReviews.NOTE_LIMIT + " characters")));
    }
    return switch (reviews.confirm(slug, who.getName(), ProtocolReviews.confirmsAny(who), note)) {
      case ProtocolReviews.Confirming.Confirmed confirmed -> {
        Map<String, Object> m = review(confirmed.review());
        m.put("review_due", confirmed.reviewDue().toString());
        yield ResponseEntity.status(HttpStatus.CREATED).body(m);
      }
      case ProtocolReviews.Confirming.NotFound missing -> throw new ReviewErrors.NotFound(slug);
      case ProtocolReviews.Confirming.NoReviewInterval none ->
          throw new ReviewErrors.NoReviewInterval(slug, none.protocol().version());
      case ProtocolReviews.Confirming.NotAllowed refused ->
          throw new ReviewErrors.NotAllowed(slug, refused.owner().orElse(null));
    };
  }

  @GetMapping
  List<Map<String, Object>> list(@PathVariable String slug) {
    return reviews.of(slug).orElseThrow(() -> new ReviewErrors.NotFound(slug)).stream()
        .map(ReviewController::review)
        .toList();
  }

  private static Map<String, Object> review(ProtocolReview r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("slug", r.slug());
    m.put("version", r.version());
    m.put("reviewed_by", r.reviewedBy());
    m.put("reviewed_at", r.reviewedAt().toString());
    m.put("note", r.note().orElse(null));
    return m;
  }
}
