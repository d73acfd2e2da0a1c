package io.servicebook.server;

/**
 * Makes commits durable together: every thread that committed asks for a sync of the database file
 * and returns once a sync that began after its commit has finished. One thread syncs for all who
 * asked while the last sync ran, so under load a handful of syncs serve hundreds of commits (group
 * commit, as PostgreSQL does with its WAL).
 */
final class GroupSync {

  /** Writes what is committed to the file and forces it to the device. */
  interface Sync {
    void run() throws Exception;
  }

  private final Object lock = new Object();
  private long requested;
  private long synced;
  private boolean syncing;

  /**
   * Returns once everything committed before this call is on the device; the calling thread may do
   * the sync for itself and the others waiting.
   */
  void await(Sync sync) throws Exception {
    long ticket;
    synchronized (lock) {
      ticket = ++requested;
    }
    while (true) {
      long covers;
      synchronized (lock) {
        while (syncing && synced < ticket) {
          lock.wait();
        }
        if (synced >= ticket) {
          return;
        }
        syncing = true;
        covers = requested; // every ticket handed out so far committed before this sync starts
      }
      boolean done = false;
      try {
        sync.run();
        done = true;
      } finally {
        synchronized (lock) {
          syncing = false;
          if (done) {
            synced = Math.max(synced, covers);
          }
          lock.notifyAll();
        }
      }
    }
  }
}
