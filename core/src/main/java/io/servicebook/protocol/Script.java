package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent says or writes in a step: Mustache text per language, optionally varied per
 * channel. A script written as one plain string serves every language ({@link #ANY_LANGUAGE}).
 */
public record Script(Map<String, Map<String, Text>> byLanguage) {

  /** The language key of a script written as one string. */
  public static final String ANY_LANGUAGE = "*";

  /** The channel key of the text used where no channel-specific text is given. */
  public static final String ANY_CHANNEL = "default";

  /** One template with where it was written. */
  public record Text(String language, String channel, String template, Position position) {
    public Text {
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(template, "template");
      Objects.requireNonNull(position, "position");
    }
  }

  public Script {
    Map<String, Map<String, Text>> copy = new LinkedHashMap<>();
    byLanguage.forEach((lang, texts) -> copy.put(lang, Map.copyOf(texts)));
    byLanguage = java.util.Collections.unmodifiableMap(copy);
  }

  /** Every text of the script, in the order written. */
  public List<Text> texts() {
    List<Text> all = new ArrayList<>();
    byLanguage.values().forEach(texts -> all.addAll(texts.values()));
    return all;
  }

  /** Whether a text exists for the language (or the script is language-neutral). */
  public boolean covers(String language) {
    return byLanguage.containsKey(ANY_LANGUAGE) || resolveLanguage(language).isPresent();
  }

  /**
   * The text for a language and channel. Fallback chain: exact language, then its base language
   * ({@code pt-BR} → {@code pt}), then the language-neutral text, then {@code fallbackLanguage};
   * within a language, the channel's own text, then its default text.
   */
  public Optional<Text> select(String language, Channel channel, String fallbackLanguage) {
    return resolveLanguage(language)
        .or(() -> Optional.ofNullable(byLanguage.get(ANY_LANGUAGE)))
        .or(() -> resolveLanguage(fallbackLanguage))
        .or(() -> byLanguage.values().stream().findFirst())
        .flatMap(texts -> forChannel(texts, channel));
  }

  private Optional<Map<String, Text>> resolveLanguage(String language) {
    if (byLanguage.containsKey(language)) {
      return Optional.of(byLanguage.get(language));
    }
    int dash = language.indexOf('-');
    return dash > 0
        ? Optional.ofNullable(byLanguage.get(language.substring(0, dash)))
        : Optional.empty();
  }

  private static Optional<Text> forChannel(Map<String, Text> texts, Channel channel) {
    return Optional.ofNullable(texts.get(channel.key()))
        .or(() -> Optional.ofNullable(texts.get(ANY_CHANNEL)))
        .or(() -> texts.values().stream().findFirst());
  }
}
