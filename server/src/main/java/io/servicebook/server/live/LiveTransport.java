package io.servicebook.server.live;

/** How an event committed on this node reaches the subscribers of every node. */
@FunctionalInterface
interface LiveTransport {
  void send(String topic, String json);
}
