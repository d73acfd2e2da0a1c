package io.servicebook.server.channels;

/**
 * A way messages leave the outbox (SMTP for {@code email}); one bean per transport. The worker
 * calls it outside any transaction and records the result, so a slow server holds no database lock.
 */
public interface Delivery {

  /** The transport this delivers, such as {@code email}. */
  String transport();

  /** Sends the message once; a temporary failure is a {@link Result.Retry}, never an exception. */
  Result deliver(OutboundMessage message);

  /** What one attempt got. */
  sealed interface Result {
    /** The server took the message. */
    record Sent() implements Result {}

    /** A temporary failure (connection refused, a 4xx answer): try again later. */
    record Retry(String reason) implements Result {}

    /** Refused for good (a 5xx answer, an address that cannot exist): do not try again. */
    record Failed(String reason) implements Result {}
  }
}
