package io.servicebook.server.live;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes small events on topics (such as {@code case:ID}) to the subscribers of every node, once
 * the transaction that publishes them has committed (at once outside a transaction): on H2 through
 * an after-commit hook, on PostgreSQL as a NOTIFY in that very transaction, which PostgreSQL
 * delivers only when it commits (and drops when it rolls back) — sending it after the commit would
 * need a second connection while the first is still held, and a busy pool runs dry. An event says
 * what changed, by id; subscribers read what they show from the database, so an event lost to a
 * reconnect costs only a moment: after one, every subscriber hears {@link #RESYNC} and reads again.
 */
@Component
public class LiveEvents {

  /** What subscribers hear after the node may have missed events (its listener reconnected). */
  public static final String RESYNC = "{\"resync\":true}";

  /** PostgreSQL's NOTIFY takes at most 8000 bytes; the topic and a separator ride along. */
  static final int MAX_BYTES = 7900;

  private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9_-]*(:[A-Za-z0-9_.-]+)*");
  private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

  private final Map<String, Set<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
  private final LiveDispatch dispatch = new LiveDispatch();
  private volatile LiveTransport transport = this::deliver;

  /** A subscription; closing it stops the deliveries. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Sends {@code json} to the topic's subscribers on every node after the current transaction
   * commits; nothing when it rolls back.
   *
   * @throws IllegalArgumentException if the topic is malformed or the event too large: publish ids
   *     and let subscribers read the rest
   */
  public void publish(String topic, String json) {
    check(topic, json);
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && !transport.holdsUntilCommit()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              send(topic, json);
            }
          });
    } else {
      send(topic, json);
    }
  }

  /** Hears the topic's events on this node (in order per topic) until closed. */
  public Subscription subscribe(String topic, Consumer<String> listener) {
    Objects.requireNonNull(listener, "listener");
    subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArraySet<>()).add(listener);
    return () ->
        subscribers.computeIfPresent(
            topic, (t, set) -> set.remove(listener) && set.isEmpty() ? null : set);
  }

  /** How many listeners this node has on the topic. */
  public int subscribers(String topic) {
    Set<Consumer<String>> set = subscribers.get(topic);
    return set == null ? 0 : set.size();
  }

  void use(LiveTransport transport) {
    this.transport = transport;
  }

  /** Hands an event that arrived (from this node or another) to this node's subscribers. */
  void deliver(String topic, String json) {
    Set<Consumer<String>> listeners = subscribers.get(topic);
    if (listeners == null) {
      return;
    }
    dispatch.run(topic, () -> listeners.forEach(l -> hear(l, topic, json)));
  }

  /** Tells every subscriber to read again: events may have been missed. */
  void resync() {
    subscribers.keySet().forEach(topic -> deliver(topic, RESYNC));
  }

  void shutdown() {
    dispatch.shutdown();
  }

  private static void hear(Consumer<String> listener, String topic, String json) {
    try {
      listener.accept(json);
    } catch (RuntimeException e) {
      log.warn("A listener of live topic {} failed: {}", topic, e.toString());
    }
  }

  private void send(String topic, String json) {
    try {
      transport.send(topic, json);
    } catch (RuntimeException e) {
      // the change itself has committed; a subscriber catches up on its next event or reconnect
      log.warn("Live event on {} not sent: {}", topic, e.toString());
    }
  }

  static void check(String topic, String json) {
    if (topic == null || !TOPIC.matcher(topic).matches()) {
      throw new IllegalArgumentException(
          "A live topic is lower-case words and ids joined by colons, like case:42, not `"
              + topic
              + "`.");
    }
    int bytes = (topic + "\n" + json).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "A live event on "
              + topic
              + " is "
              + bytes
              + " bytes; at most "
              + MAX_BYTES
              + " fit (PostgreSQL NOTIFY): publish ids and let subscribers read the rest.");
    }
  }
}
