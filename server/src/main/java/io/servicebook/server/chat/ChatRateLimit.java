package io.servicebook.server.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How much one IP address may send to the public chat API: a fixed one-minute window per address
 * and kind (chats started, messages), kept in memory per node, so behind N nodes an address gets at
 * most N times the limit. Windows older than a minute are forgotten as new ones start.
 */
@Component
class ChatRateLimit {

  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final ChatSettings settings;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  ChatRateLimit(ChatSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  private record Window(Instant start, int count) {}

  void start(String address) {
    take("start:" + address, settings.startsPerMinute());
  }

  void message(String address) {
    take("message:" + address, settings.messagesPerMinute());
  }

  private void take(String key, int limit) {
    Instant now = clock.instant();
    if (windows.size() > 10_000) {
      windows.values().removeIf(w -> w.start().plus(WINDOW).isBefore(now));
    }
    Window window =
        windows.merge(
            key,
            new Window(now, 1),
            (old, fresh) ->
                old.start().plus(WINDOW).isAfter(now)
                    ? new Window(old.start(), old.count() + 1)
                    : fresh);
    if (window.count() > limit) {
      throw new ChatErrors.TooMany(
          Duration.between(now, window.start().plus(WINDOW)).toSeconds() + 1);
    }
  }
}
