package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.attoparser.config.ParseConfiguration;
import org.attoparser.dom.DOMMarkupParser;
import org.attoparser.dom.Element;
import org.attoparser.dom.INestableNode;
import org.attoparser.dom.INode;
import org.attoparser.dom.Text;
import org.junit.jupiter.api.Test;

/**
 * The console's templates show no hard-coded text: every word a user reads comes from the message
 * bundles ({@code messages.properties} and the features' {@code i18n/*.properties}, English, with
 * {@code _de} and {@code _es} beside each for German and Spanish), and every message a template
 * names exists in all three. They also carry no inline script or event handler, which the
 * Content-Security-Policy would block.
 */
class ConsoleTemplatesTests {

  private static final Path TEMPLATES = Path.of("src/main/resources/templates");
  private static final Pattern LETTER = Pattern.compile("\\p{L}");
  private static final Pattern MESSAGE_KEY =
      Pattern.compile("#\\{\\s*'?([A-Za-z0-9_.\\-]+)'?\\s*[(}]");
  private static final Pattern COMPOSED_KEY =
      Pattern.compile("#\\{\\s*'([A-Za-z0-9_.\\-]+\\.)'\\s*\\+");

  /** Attributes a user reads or hears (tooltips, placeholders, screen-reader labels). */
  private static final Set<String> VISIBLE_ATTRIBUTES =
      Set.of("title", "alt", "placeholder", "aria-label", "value", "label");

  /**
   * Elements whose whole body Thymeleaf replaces, so text inside them is never shown. Not {@code
   * th:replace}: a page's {@code <html th:replace="~{layout :: page(…, ~{::main})}">} shows parts
   * of its body in the layout.
   */
  private static final Set<String> REPLACING = Set.of("th:text", "th:utext");

  @Test
  void templatesShowNoTextThatDoesNotComeFromMessages() throws Exception {
    List<String> hardCoded = new ArrayList<>();
    for (Path template : templates()) {
      INestableNode document =
          new DOMMarkupParser(ParseConfiguration.htmlConfiguration())
              .parse(template.toString(), Files.readString(template));
      collectHardCodedText(document, false, TEMPLATES.relativize(template).toString(), hardCoded);
    }
    assertThat(hardCoded).as("text in templates that is not a message").isEmpty();
  }

  @Test
  void everyMessageATemplateNamesExistsInEnglishGermanAndSpanish() throws Exception {
    Properties english = messages("");
    Properties german = messages("_de");
    Properties spanish = messages("_es");
    Set<String> used = new TreeSet<>();
    Set<String> prefixes = new TreeSet<>();
    for (Path template : templates()) {
      String text = Files.readString(template);
      Matcher composed = COMPOSED_KEY.matcher(text);
      while (composed.find()) {
        prefixes.add(composed.group(1));
      }
      Matcher key = MESSAGE_KEY.matcher(text);
      while (key.find()) {
        if (!key.group(1).endsWith(".")) {
          used.add(key.group(1));
        }
      }
    }
    assertThat(used).hasSizeGreaterThan(50);
    assertThat(used).allSatisfy(k -> assertThat(english).as("messages.properties").containsKey(k));
    assertThat(used)
        .allSatisfy(k -> assertThat(german).as("messages_de.properties").containsKey(k));
    assertThat(used)
        .allSatisfy(k -> assertThat(spanish).as("messages_es.properties").containsKey(k));
    for (String prefix : prefixes) {
      assertThat(english.stringPropertyNames())
          .as("keys for %s*", prefix)
          .anyMatch(k -> k.startsWith(prefix));
    }
    assertThat(german.stringPropertyNames())
        .as("German keys of every bundle")
        .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    assertThat(spanish.stringPropertyNames())
        .as("Spanish keys of every bundle")
        .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
  }

  /**
   * Every message with arguments keeps them in every language, so no translation drops the number
   * or name it is about; except where the argument is English wording from the run engine (such as
   * "skip step `x`"), which a translation leaves out.
   */
  @Test
  void translationsKeepTheirPlaceholders() {
    Properties english = messages("");
    Set<String> englishArgument = Set.of("refusal.reason-required");
    for (String suffix : List.of("_de", "_es")) {
      Properties other = messages(suffix);
      for (String key : english.stringPropertyNames()) {
        if (englishArgument.contains(key)) {
          assertThat(placeholders(other.getProperty(key, ""))).as(key + suffix).isEmpty();
          continue;
        }
        assertThat(placeholders(other.getProperty(key, "")))
            .as("placeholders of %s in %s", key, suffix)
            .isEqualTo(placeholders(english.getProperty(key)));
      }
    }
  }

  private static Set<String> placeholders(String message) {
    Set<String> found = new TreeSet<>();
    Matcher m = Pattern.compile("\\{(\\d+)").matcher(message);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void templatesHaveNoInlineScriptsOrEventHandlers() throws Exception {
    for (Path template : templates()) {
      String text = Files.readString(template);
      assertThat(text)
          .as(template.toString())
          .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
          .doesNotContainPattern("\\s(th:)?on[a-z]+\\s*=")
          .doesNotContainPattern("\\sstyle\\s*=")
          .doesNotContainPattern("javascript:");
    }
  }

  /**
   * Every message used in a composed key, such as {@code 'status.' + ${s}}, exists for each value.
   */
  @Test
  void everyStatusChannelAndStateHasItsMessages() throws Exception {
    Properties english = messages("");
    Properties german = messages("_de");
    Properties spanish = messages("_es");
    List<String> keys = new ArrayList<>();
    for (var s : io.servicebook.cases.CaseStatus.values()) {
      keys.add("status." + s.key());
    }
    for (var c : io.servicebook.protocol.Channel.values()) {
      keys.add("channel." + c.key());
    }
    for (var p : io.servicebook.protocol.Priority.values()) {
      keys.add("priority." + p.key());
    }
    for (var t : io.servicebook.sla.SlaTarget.values()) {
      keys.add("sla.target." + t.name().toLowerCase(java.util.Locale.ROOT));
    }
    for (var st : io.servicebook.sla.ClockState.values()) {
      keys.add("sla.state." + st.name().toLowerCase(java.util.Locale.ROOT));
    }
    for (String q : List.of("mine", "team", "unassigned", "breaching", "follow-ups", "approvals")) {
      keys.add("queue." + q);
    }
    for (String k : List.of("inbound", "outbound", "call", "note")) {
      keys.add("timeline.kind." + k);
    }
    assertThat(keys).allSatisfy(k -> assertThat(english).containsKey(k));
    assertThat(keys).allSatisfy(k -> assertThat(german).containsKey(k));
    assertThat(keys).allSatisfy(k -> assertThat(spanish).containsKey(k));
  }

  private static void collectHardCodedText(
      INestableNode node, boolean replaced, String file, List<String> found) {
    for (Object child : node.getChildren()) {
      switch ((INode) child) {
        case Text text when !replaced && LETTER.matcher(text.getContent()).find() ->
            found.add(file + ": “" + text.getContent().strip() + "”");
        case Element element -> {
          Map<String, String> attributes = element.getAttributeMap();
          for (var attribute : attributes.entrySet()) {
            if (VISIBLE_ATTRIBUTES.contains(attribute.getKey())
                && attribute.getValue() != null
                && LETTER.matcher(attribute.getValue()).find()
                && !(attribute.getKey().equals("value") && !element.elementNameMatches("option"))) {
              found.add(file + ": " + attribute.getKey() + "=“" + attribute.getValue() + "”");
            }
          }
          boolean replacing =
              replaced
                  || REPLACING.stream().anyMatch(attributes::containsKey)
                  || element.elementNameMatches("script")
                  || element.elementNameMatches("style");
          collectHardCodedText(element, replacing, file, found);
        }
        default -> {}
      }
    }
  }

  private static List<Path> templates() throws IOException {
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      List<Path> html = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
      assertThat(html).isNotEmpty();
      return html;
    }
  }

  /**
   * Every bundle the console reads ({@code spring.messages.basename}: {@code messages} and the
   * features' {@code i18n/*}) in one language, {@code ""} for English, {@code "_de"} or {@code
   * "_es"}.
   */
  private static Properties messages(String suffix) {
    Properties settings = load(Path.of("src/main/resources/application.properties"));
    Properties properties = new Properties();
    for (String basename : settings.getProperty("spring.messages.basename").split(",")) {
      Path bundle = Path.of("src/main/resources", basename.strip() + suffix + ".properties");
      if (Files.exists(bundle) || suffix.isEmpty()) {
        properties.putAll(load(bundle));
      }
    }
    return properties;
  }

  private static Properties load(Path file) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
