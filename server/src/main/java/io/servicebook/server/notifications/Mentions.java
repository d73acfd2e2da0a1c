package io.servicebook.server.notifications;

import io.servicebook.server.cases.NoteMentions;
import io.servicebook.server.security.UserAccounts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The {@code @username} mentions of an internal note: which names it mentions, and which of them
 * are nobody's account (or a deactivated one's), so the note is refused before it is stored. An
 * {@code @} inside a word, as in an email address, mentions nobody.
 */
@Component
public class Mentions implements NoteMentions {

  /** An {@code @} at the start or after a character that is not part of a name, then the name. */
  private static final Pattern MENTION =
      Pattern.compile("(?<![\\p{L}\\p{N}._@-])@([\\p{L}\\p{N}][\\p{L}\\p{N}._-]*)");

  private final UserAccounts accounts;

  Mentions(UserAccounts accounts) {
    this.accounts = accounts;
  }

  /** The names the text mentions, in order, each once; a trailing full stop ends the name. */
  public static Set<String> in(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = MENTION.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      while (name.endsWith(".") || name.endsWith("-") || name.endsWith("_")) {
        name = name.substring(0, name.length() - 1);
      }
      names.add(name);
    }
    return names;
  }

  @Override
  public List<String> unknown(String text) {
    return in(text).stream()
        .filter(name -> accounts.find(name).isEmpty() || accounts.deactivated(name))
        .toList();
  }
}
