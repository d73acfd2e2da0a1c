package io.servicebook.server.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent event streams over live topics: a stream hears its topics' events until the browser
 * goes away, sends a comment every {@link #HEARTBEAT} so proxies keep it open and a dead peer is
 * noticed, and unsubscribes whenever it ends (completed, timed out, or a send failed). A browser's
 * {@code EventSource} reconnects by itself after the stream ends.
 */
@Component
public class LiveStreams implements DisposableBean {

  static final Duration HEARTBEAT = Duration.ofSeconds(20);

  /** How long a stream lasts before the browser is asked to reconnect. */
  static final Duration LIFETIME = Duration.ofMinutes(30);

  private final LiveEvents events;
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("live-heartbeat").factory());

  LiveStreams(LiveEvents events) {
    this.events = events;
    long every = HEARTBEAT.toMillis();
    heartbeats.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /** One open stream: what its owner sends to the browser. */
  public final class Stream {
    private final SseEmitter emitter = new SseEmitter(LIFETIME.toMillis());
    private final List<LiveEvents.Subscription> subscriptions = new java.util.ArrayList<>();
    private final Runnable onBeat;
    private volatile boolean closed;

    private Stream(Runnable onBeat) {
      this.onBeat = onBeat;
    }

    /** Sends a named event with a JSON body; false when the browser is gone. */
    public boolean send(String name, Object data) {
      return send(name, null, data);
    }

    /**
     * Sends a named event with an id (which the browser sends back as {@code Last-Event-ID} when it
     * reconnects) and a JSON body; false when the browser is gone.
     */
    public synchronized boolean send(String name, String id, Object data) {
      if (closed) {
        return false;
      }
      try {
        SseEmitter.SseEventBuilder event = SseEmitter.event().name(name);
        if (id != null) {
          event.id(id);
        }
        emitter.send(event.data(data, MediaType.APPLICATION_JSON));
        return true;
      } catch (IOException | IllegalStateException gone) {
        close();
        return false;
      }
    }

    private synchronized boolean comment() {
      if (closed) {
        return false;
      }
      try {
        emitter.send(SseEmitter.event().comment("hb"));
        return true;
      } catch (IOException | IllegalStateException gone) {
        close();
        return false;
      }
    }

    private void close() {
      if (closed) {
        return;
      }
      closed = true;
      open.remove(this);
      synchronized (subscriptions) {
        subscriptions.forEach(LiveEvents.Subscription::close);
        subscriptions.clear();
      }
      try {
        emitter.complete();
      } catch (IllegalStateException recycled) {
        // the container already closed the response (the server is stopping): nothing to end
      }
    }
  }

  /**
   * Opens a stream over the topics: {@code onOpen} sends what the browser should see first (after
   * subscribing, so nothing falls between), {@code onEvent} hears each event's JSON with the stream
   * to answer on, and {@code onBeat} runs at every heartbeat (to note who is still there).
   */
  public SseEmitter open(
      List<String> topics,
      Consumer<Stream> onOpen,
      BiConsumer<String, Stream> onEvent,
      Runnable onBeat) {
    Stream stream = new Stream(onBeat);
    stream.emitter.onCompletion(stream::close);
    stream.emitter.onTimeout(stream::close);
    stream.emitter.onError(e -> stream.close());
    open.add(stream);
    synchronized (stream.subscriptions) {
      for (String topic : topics) {
        stream.subscriptions.add(events.subscribe(topic, json -> onEvent.accept(json, stream)));
      }
    }
    onOpen.accept(stream);
    return stream.emitter;
  }

  /** How many streams this node has open. */
  public int openStreams() {
    return open.size();
  }

  private void beat() {
    for (Stream stream : open) {
      if (stream.comment()) {
        try {
          stream.onBeat.run();
        } catch (RuntimeException e) {
          // a heartbeat's bookkeeping failing (the database away) must not stop the others
        }
      }
    }
  }

  @Override
  public void destroy() {
    heartbeats.shutdownNow();
    open.forEach(Stream::close);
  }
}
