package io.servicebook.server.channels;

import io.servicebook.server.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A delivery report for a message that is not waiting for a gateway (unknown, or reported). */
class MessageNotWaiting extends ErrorResponseException {

  private static final long serialVersionUID = 1L;

  MessageNotWaiting(long id) {
    super(
        HttpStatus.NOT_FOUND,
        Problems.of(
            HttpStatus.NOT_FOUND,
            "outbound-message-not-waiting",
            "No such message waiting for delivery",
            "There is no outbound message "
                + id
                + " waiting for a gateway; it may have been reported already."),
        null);
  }
}
