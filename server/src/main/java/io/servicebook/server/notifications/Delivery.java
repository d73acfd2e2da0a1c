package io.servicebook.server.notifications;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a user wants a kind of notification: in the console only, also mailed at once, or daily. */
public enum Delivery {
  CONSOLE,
  EMAIL,
  DIGEST;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Delivery> of(String key) {
    return Arrays.stream(values()).filter(d -> d.key().equals(key)).findFirst();
  }
}
