package io.servicebook.server.cases;

/**
 * Someone else changed the case or run between our read and our write (optimistic locking on its
 * {@code version}); nothing of ours was stored, and the client should reload and try again.
 */
public final class ConcurrentChange extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConcurrentChange(String subject, String id) {
    super(
        "The "
            + subject
            + " "
            + id
            + " was changed by someone else at the same time; reload it and try again.");
  }
}
