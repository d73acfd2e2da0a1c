package io.servicebook.server.chat;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The chat's settings ({@code servicebook.chat.*}): the origins of the pages that may embed the
 * widget ({@code allowed-origins}, comma-separated, {@code *} for any; the API sends no cookies, a
 * chat's secret is its credential), how recently an agent's console must have been live to count as
 * online ({@code online-window}), and how many chats ({@code starts-per-minute}) and messages
 * ({@code messages-per-minute}) one IP address may send.
 */
@ConfigurationProperties("servicebook.chat")
record ChatSettings(
    List<String> allowedOrigins,
    Duration onlineWindow,
    Integer startsPerMinute,
    Integer messagesPerMinute) {

  ChatSettings {
    allowedOrigins =
        allowedOrigins == null || allowedOrigins.isEmpty()
            ? List.of("*")
            : allowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    onlineWindow = onlineWindow == null ? Duration.ofMinutes(2) : onlineWindow;
    startsPerMinute = positive(startsPerMinute, 5, "starts-per-minute");
    messagesPerMinute = positive(messagesPerMinute, 60, "messages-per-minute");
  }

  private static int positive(Integer value, int fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value < 1) {
      throw new IllegalArgumentException(
          "servicebook.chat." + name + " must be at least 1, not " + value + ".");
    }
    return value;
  }
}
