package io.servicebook.server.mail;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * A mail's words as a case shows them: HTML made safe by the sanitizer and then plain text, and a
 * reply's quoted history (the earlier mails it repeats) folded away from the new words.
 */
final class MailText {

  private MailText() {}

  /** Keeps the structure that becomes line breaks; drops scripts, styles and their contents. */
  private static final PolicyFactory POLICY =
      Sanitizers.FORMATTING
          .and(Sanitizers.BLOCKS)
          .and(Sanitizers.LINKS)
          .and(Sanitizers.TABLES)
          .and(
              new HtmlPolicyBuilder()
                  .allowElements("br", "hr", "ul", "ol", "li", "pre", "blockquote", "div")
                  .toFactory());

  private static final Pattern BREAK =
      Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|blockquote|pre|table)>|<hr\\s*/?>");
  private static final Pattern ITEM = Pattern.compile("(?i)<li[^>]*>");
  private static final Pattern TAG = Pattern.compile("<[^>]+>");
  private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|[a-zA-Z]+);");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

  /** The text of an HTML body, after the sanitizer took out everything but text and structure. */
  static String fromHtml(String html) {
    String safe = POLICY.sanitize(html);
    String text = ITEM.matcher(BREAK.matcher(safe).replaceAll("\n")).replaceAll("• ");
    text = TAG.matcher(text).replaceAll("");
    text = unescape(text);
    StringBuilder lines = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      lines.append(line.replace('\u00a0', ' ').strip()).append('\n');
    }
    return BLANK_LINES.matcher(lines.toString()).replaceAll("\n\n").strip();
  }

  private static String unescape(String text) {
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement =
          switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> numeric(name).orElse(m.group());
          };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Optional<String> numeric(String name) {
    try {
      if (name.startsWith("#x") || name.startsWith("#X")) {
        return Optional.of(Character.toString(Integer.parseInt(name.substring(2), 16)));
      }
      if (name.startsWith("#")) {
        return Optional.of(Character.toString(Integer.parseInt(name.substring(1))));
      }
    } catch (IllegalArgumentException e) {
      // not a code point: left as written
    }
    return Optional.empty();
  }

  /** A reply split into what the customer wrote now and the history it quotes (if any). */
  record Folded(String fresh, Optional<String> quoted) {}

  /** Lines that introduce a quoted earlier mail, in the languages mail clients write them in. */
  private static final List<Pattern> ATTRIBUTIONS =
      List.of(
          Pattern.compile("^On .{3,200} wrote:\\s*$"),
          Pattern.compile("^Am .{3,200} schrieb .{1,200}:\\s*$"),
          Pattern.compile("^Le .{3,200} a écrit\\s*:\\s*$"),
          Pattern.compile("^El .{3,200} escribió:\\s*$"),
          Pattern.compile(
              "^-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine)\\s*-{2,}\\s*$"),
          Pattern.compile("^_{10,}\\s*$"));

  private static final Pattern OUTLOOK_FROM = Pattern.compile("^(From|Von|De): .+$");
  private static final Pattern OUTLOOK_SENT =
      Pattern.compile("^(Sent|Date|Gesendet|Datum|Envoyé): .+$");

  /**
   * Folds the quoted history away: from the first line that introduces an earlier mail ("On …
   * wrote:", "-----Original Message-----", an Outlook "From:/Sent:" block), or from a block of
   * "&gt;" lines that runs to the end. Nothing is folded when that would leave no words of the
   * customer's own.
   */
  static Folded fold(String text) {
    String[] lines = text.split("\n", -1);
    int cut = -1;
    for (int i = 0; i < lines.length && cut < 0; i++) {
      String line = lines[i].strip();
      if (ATTRIBUTIONS.stream().anyMatch(p -> p.matcher(line).matches())) {
        cut = i;
      } else if (OUTLOOK_FROM.matcher(line).matches()
          && i + 1 < lines.length
          && OUTLOOK_SENT.matcher(lines[i + 1].strip()).matches()) {
        cut = i;
      } else if (line.startsWith(">") && quotedToTheEnd(lines, i)) {
        cut = i;
      }
    }
    if (cut <= 0) {
      return new Folded(text.strip(), Optional.empty());
    }
    String fresh = String.join("\n", java.util.Arrays.copyOfRange(lines, 0, cut)).strip();
    String quoted =
        String.join("\n", java.util.Arrays.copyOfRange(lines, cut, lines.length)).strip();
    if (fresh.isEmpty()) {
      return new Folded(text.strip(), Optional.empty());
    }
    return new Folded(fresh, Optional.of(quoted));
  }

  private static boolean quotedToTheEnd(String[] lines, int from) {
    for (int i = from; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.isEmpty() && !line.startsWith(">")) {
        return false;
      }
    }
    return true;
  }
}
