package io.servicebook.server.protocols;

import io.servicebook.server.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The review API's refusals, each a problem+json with a stable type. */
final class ReviewErrors {

  private ReviewErrors() {}

  /** No published protocol of this name. */
  static final class NotFound extends ErrorResponseException {
    private static final long serialVersionUID = 1L;

    NotFound(String slug) {
      super(
          HttpStatus.NOT_FOUND,
          Problems.of(
              HttpStatus.NOT_FOUND,
              "protocol-not-found",
              "Protocol not found",
              "There is no published protocol `" + slug + "`."),
          null);
    }
  }

  /** The protocol has no {@code review_every}: nothing comes due, so nothing to confirm. */
  static final class NoReviewInterval extends ErrorResponseException {
    private static final long serialVersionUID = 1L;

    NoReviewInterval(String slug, int version) {
      super(
          HttpStatus.CONFLICT,
          Problems.of(
              HttpStatus.CONFLICT,
              "no-review-interval",
              "The protocol has no review interval",
              "Protocol `"
                  + slug
                  + "` (version "
                  + version
                  + ") has no `review_every`, so no review comes due and there is none to"
                  + " confirm; add `review_every` (such as P6M) in a new version first."),
          null);
    }
  }

  /** Neither the owner nor a reviewer nor an admin. */
  static final class NotAllowed extends ErrorResponseException {
    private static final long serialVersionUID = 1L;

    NotAllowed(String slug, String owner) {
      super(
          HttpStatus.FORBIDDEN,
          Problems.of(
              HttpStatus.FORBIDDEN,
              "forbidden",
              "Not allowed",
              "Only the owner of `"
                  + slug
                  + "`"
                  + (owner == null ? "" : " (" + owner + ")")
                  + ", a reviewer or an admin may confirm its review."),
          null);
    }
  }
}
