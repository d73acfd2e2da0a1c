package io.servicebook.server.live;

/** How an event committed on this node reaches the subscribers of every node. */
interface LiveTransport {

  void send(String topic, String json);

  /**
   * Whether {@link #send} may run inside the publishing transaction because the transport itself
   * holds the event back until that transaction commits (PostgreSQL's NOTIFY does); otherwise it is
   * called after the commit.
   */
  default boolean holdsUntilCommit() {
    return false;
  }
}
