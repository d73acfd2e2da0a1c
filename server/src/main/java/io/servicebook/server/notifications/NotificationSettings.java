package io.servicebook.server.notifications;

import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * How often the bell looks for news when the live stream is down ({@code
 * servicebook.notifications.poll-interval}, seconds), and the address mails link to ({@code
 * servicebook.public-url}).
 */
@Component
public class NotificationSettings {

  private final Environment environment;
  private final Optional<String> publicUrl;
  private final int pollSeconds;

  NotificationSettings(
      Environment environment,
      @Value("${servicebook.public-url:}") String publicUrl,
      @Value("${servicebook.notifications.poll-interval:60}") int pollSeconds) {
    this.environment = environment;
    String url = publicUrl.strip().replaceAll("/+$", "");
    this.publicUrl = url.isEmpty() ? Optional.empty() : Optional.of(url);
    if (pollSeconds < 1) {
      throw new IllegalArgumentException(
          "servicebook.notifications.poll-interval is "
              + pollSeconds
              + "; write how many seconds the bell waits between looks, 1 or more (60 unless set).");
    }
    this.pollSeconds = pollSeconds;
  }

  /** The bell's polling interval in seconds, the fallback for when the live stream is down. */
  public int pollSeconds() {
    return pollSeconds;
  }

  /** The absolute address of a console page, for mails. */
  String url(String link) {
    return publicUrl.orElseGet(
            () ->
                "http://localhost:"
                    + environment.getProperty(
                        "local.server.port", environment.getProperty("server.port", "8080")))
        + link;
  }
}
