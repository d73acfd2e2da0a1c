package io.servicebook.server.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs deliveries off the publishing and listening threads, on a few single-thread lanes: a topic
 * always takes the same lane, so its subscribers hear its events in order.
 */
final class LiveDispatch {

  private static final int LANES = 4;

  private final List<ExecutorService> lanes = new ArrayList<>();

  LiveDispatch() {
    for (int i = 0; i < LANES; i++) {
      lanes.add(
          Executors.newSingleThreadExecutor(
              Thread.ofPlatform().daemon().name("live-" + i).factory()));
    }
  }

  void run(String topic, Runnable delivery) {
    try {
      lanes.get(Math.floorMod(topic.hashCode(), LANES)).execute(delivery);
    } catch (RejectedExecutionException shuttingDown) {
      // the node is stopping; its streams close with it
    }
  }

  void shutdown() {
    lanes.forEach(ExecutorService::shutdownNow);
  }
}
