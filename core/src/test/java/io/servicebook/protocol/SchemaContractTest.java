package io.servicebook.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.calendar.CalendarReader;
import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.schema.Schemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Keeps the published JSON Schemas in step with the reader: the same keys, the same words, and
 * documents the reader accepts are accepted by the schema (and documents it refuses, refused).
 */
class SchemaContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * YAML is turned into JSON with the reader's own YAML 1.2 parser: a YAML 1.1 parser would read
   * {@code no} (Norwegian) or {@code yes} as booleans where the reader sees text.
   */
  private static final Load YAML = new Load(LoadSettings.builder().build());

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private static final JsonNode PROTOCOL = json(Schemas.protocol());
  private static final JsonNode CALENDAR = json(Schemas.calendar());
  private static final JsonNode FRAGMENT = json(Schemas.fragment());

  private static final JsonSchema PROTOCOL_SCHEMA = FACTORY.getSchema(Schemas.protocol());
  private static final JsonSchema CALENDAR_SCHEMA = FACTORY.getSchema(Schemas.calendar());
  private static final JsonSchema FRAGMENT_SCHEMA = FACTORY.getSchema(Schemas.fragment());
  private static final JsonSchema BUNDLE_SCHEMA = FACTORY.getSchema(Schemas.bundle());

  private static final Path ROOT = repositoryRoot();

  // ---- the schemas are JSON, and JSON Schema ------------------------------------------------

  @Test
  void theSchemasAndTheBundleAreValidJson() {
    for (String text :
        List.of(Schemas.protocol(), Schemas.calendar(), Schemas.fragment(), Schemas.bundle())) {
      JsonNode node = json(text);
      assertThat(node.path("$schema").asText())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(node.path("$id").asText()).startsWith(Schemas.BASE).endsWith(".schema.json");
      assertThat(node.path("title").asText()).isNotBlank();
    }
    assertThat(json(Schemas.bundle()).path("$defs").path("protocol")).isEqualTo(PROTOCOL);
    assertThat(json(Schemas.bundle()).path("$defs").path("calendar")).isEqualTo(CALENDAR);
    assertThat(json(Schemas.bundle()).path("$defs").path("fragment")).isEqualTo(FRAGMENT);
  }

  @Test
  void theSchemasAreValidAgainstTheDraft202012MetaSchema() {
    JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012));
    for (String text :
        List.of(Schemas.protocol(), Schemas.calendar(), Schemas.fragment(), Schemas.bundle())) {
      assertThat(meta.validate(json(text))).isEmpty();
    }
  }

  @Test
  void everyObjectForbidsOtherKeysAndEveryPropertyIsDescribed() {
    for (JsonNode schema : List.of(PROTOCOL, CALENDAR, FRAGMENT)) {
      walk(
          schema,
          "",
          (path, node) -> {
            if (node.has("properties") && node.path("type").asText().equals("object")) {
              assertThat(node.path("additionalProperties").isBoolean())
                  .as("additionalProperties: false at %s", path)
                  .isTrue();
              assertThat(node.path("additionalProperties").asBoolean()).as(path).isFalse();
              node.path("properties")
                  .properties()
                  .forEach(
                      e -> {
                        if (!e.getValue().isBoolean()) {
                          assertThat(e.getValue().path("description").asText())
                              .as("description of %s/properties/%s", path, e.getKey())
                              .isNotBlank();
                        }
                      });
            }
          });
    }
  }

  // ---- the keys are the reader's keys -------------------------------------------------------

  @Test
  void protocolKeysAreTheReadersKeys() {
    assertThat(keys(PROTOCOL)).containsExactlyElementsOf(ProtocolReading.PROTOCOL_KEYS);
    assertThat(keys(def(PROTOCOL, "sla"))).containsExactlyElementsOf(ProtocolReading.SLA_KEYS);
    assertThat(keys(def(PROTOCOL, "targets")))
        .containsExactlyElementsOf(ProtocolReading.TARGET_KEYS);
    assertThat(keys(objectIn(def(PROTOCOL, "field").path("oneOf"))))
        .containsExactlyElementsOf(ProtocolReading.FIELD_KEYS);
    assertThat(keys(def(PROTOCOL, "step"))).containsExactlyElementsOf(ProtocolReading.STEP_KEYS);
    assertThat(keys(def(PROTOCOL, "branch")))
        .containsExactlyElementsOf(ProtocolReading.BRANCH_KEYS);
    assertThat(keys(def(PROTOCOL, "followUp")))
        .containsExactlyElementsOf(ProtocolReading.FOLLOW_UP_KEYS);
    assertThat(keys(def(PROTOCOL, "feedback")))
        .containsExactlyElementsOf(ProtocolReading.FEEDBACK_KEYS);
    assertThat(keys(def(PROTOCOL, "action"))).containsExactlyElementsOf(ActionReading.ACTIONS);
  }

  @Test
  void calendarAndFragmentKeysAreTheReadersKeys() {
    assertThat(keys(CALENDAR)).containsExactlyElementsOf(CalendarReader.KEYS);
    assertThat(keys(CALENDAR.path("properties").path("hours")))
        .containsExactlyElementsOf(
            Arrays.stream(DayOfWeek.values()).map(d -> lower(d.name())).toList());
    assertThat(keys(FRAGMENT)).containsExactlyElementsOf(FragmentReader.KEYS);
  }

  @Test
  void scriptChannelsAndPrioritiesAreTheEnums() {
    List<String> channelKeys = new ArrayList<>();
    channelKeys.add(Script.ANY_CHANNEL);
    Arrays.stream(Channel.values()).map(Channel::key).forEach(channelKeys::add);
    assertThat(keys(def(PROTOCOL, "channelTexts"))).containsExactlyElementsOf(channelKeys);
    assertThat(keys(def(FRAGMENT, "channelTexts"))).containsExactlyElementsOf(channelKeys);
    assertThat(keys(def(PROTOCOL, "sla").path("properties").path("by_priority")))
        .containsExactlyElementsOf(names(Priority.class));
  }

  // ---- the words are the enums --------------------------------------------------------------

  @Test
  void enumsAreTheJavaEnums() {
    assertThat(words(def(PROTOCOL, "channel"))).containsExactlyElementsOf(names(Channel.class));
    assertThat(words(def(PROTOCOL, "fieldType"))).containsExactlyElementsOf(names(FieldType.class));
    assertThat(words(def(PROTOCOL, "priority"))).containsExactlyElementsOf(names(Priority.class));
    assertThat(words(def(PROTOCOL, "surveyKind")))
        .containsExactlyElementsOf(names(SurveyKind.class));
    assertThat(words(PROTOCOL.path("properties").path("audience")))
        .containsExactlyInAnyOrderElementsOf(names(Audience.class));
    assertThat(words(def(PROTOCOL, "feedback").path("properties").path("send")))
        .containsExactlyElementsOf(names(Feedback.Send.class));
    assertThat(keys(def(PROTOCOL, "benchmarks"))).containsExactlyElementsOf(names(Kpi.class));
  }

  // ---- the documented examples validate -----------------------------------------------------

  @Test
  void theDocumentedExamplesValidate() {
    String doc = read(ROOT.resolve("docs/protocol-format.md"));
    assertValid(PROTOCOL_SCHEMA, yamlBlockAfter(doc, "## A protocol"));
    assertValid(CALENDAR_SCHEMA, yamlBlockAfter(doc, "A calendar file:"));
    assertValid(FRAGMENT_SCHEMA, yamlBlockAfter(doc, "## A fragment"));
    assertValid(BUNDLE_SCHEMA, yamlBlockAfter(doc, "## A protocol"));
    assertValid(BUNDLE_SCHEMA, yamlBlockAfter(doc, "A calendar file:"));
    assertValid(BUNDLE_SCHEMA, yamlBlockAfter(doc, "## A fragment"));
  }

  @Test
  void theReaderAcceptsTheDocumentedExamplesToo() {
    String doc = read(ROOT.resolve("docs/protocol-format.md"));
    PackContext context = context(yamlBlockAfter(doc, "A calendar file:"), FRAGMENT_TEXT);
    assertThat(errors(reader(context).read("doc.yaml", yamlBlockAfter(doc, "## A protocol"))))
        .isEmpty();
  }

  // ---- what the reader accepts, the schema accepts ------------------------------------------

  private static final String FRAGMENT_TEXT =
      """
      fragment: greeting
      title: Greet
      script: "Hello {{customer.first_name}}"
      """;

  private static final String CALENDAR_TEXT =
      """
      calendar: round-the-clock
      title: Always open
      time_zone: UTC
      hours:
        monday: ["0:00-12:00", "12:00 - 24:00"]
        tuesday: ["00:00-24:00"]
        sunday: []
      holidays: [2026-01-01, "2026-12-25"]
      """;

  static Stream<Arguments> protocolsTheReaderAccepts() {
    return Stream.of(
        Arguments.of(
            "short forms",
            """
            protocol: short-forms
            title: Short forms
            owner: support
            applies_when: true
            sla: {first_response: P1D, resolution: P0Y2DT1H}
            languages: [en, pt-BR, no]
            tags: [vip, 2026]
            fields:
              order_number: string
              kind: text
              note: {type: text, min: 0, max: 2000, pattern: '.*'}
              choice: {type: enum, values: [a, b], required: false, label: Choice}
            steps:
              - id: 1
                title: First
                capture: order_number
                script: {en: {default: "Hi", chat: "Hey"}, pt-BR: "Olá"}
                action: [{raise_priority: urgent}, {resolve: {}}]
                next: two
              - id: two
                include: greeting
                decide:
                  - choice: Yes
                    goto: 1
                  - when: fields.order_number == "x"
                    goto: three
                  - otherwise: three
              - id: three
                skippable: true
                capture: []
                action:
                  survey: {kind: nps, when: 'case.channel == "email"'}
                  follow_up: P2D
                  raise_priority: {to: high}
                  notify: {who: team-lead}
                  handoff: tier-3
                  reassign: {to: tier-2}
                  escalate: supervisor
              - id: four_4
                action: {compensate: {currency: usd, max: 10.5, approval_above: 0}, resolve: true}
            """),
        Arguments.of(
            "long forms",
            """
            protocol: long-forms
            title: Long forms
            audience: internal
            priority: 0
            review_every: " P1Y2M3W4DT5H6M7S "
            channels: [email, chat, phone, video, in_person, letter, social, sms, web]
            sla:
              calendar: round-the-clock
              first_response: PT30M
              next_response: PT1H30M
              resolution: PT50H
              by_priority:
                low: {resolution: PT72H}
                urgent: {first_response: PT5M}
              pause_when: false
              warn_at: 0.5
              on_breach:
                - escalate: {to: manager, when: 'customer.tier == "vip"'}
                - follow_up: {after: PT1H, channel: sms, script: "We are on it.", when: true}
                - raise_priority: true
            steps:
              - id: only
                script: "Hello"
                action:
                  handoff: {to: vip-customers}
                  resolve: {when: 'case.status == "open"'}
            follow_up: {after: P1W, script: {en: "Hi again", es: {sms: "Hola"}}}
            feedback: {survey: ces, send: manual}
            benchmarks:
              csat_avg: ">= 4.5"
              resolution_p90: "<PT24H"
              escalation_rate: " <= 0.1 "
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocolsTheReaderAccepts")
  void theSchemaAcceptsWhatTheReaderAccepts(String name, String yaml) {
    assertThat(errors(reader(context(CALENDAR_TEXT, FRAGMENT_TEXT)).read(name + ".yaml", yaml)))
        .as("the reader's errors")
        .isEmpty();
    assertValid(PROTOCOL_SCHEMA, yaml);
    assertValid(BUNDLE_SCHEMA, yaml);
  }

  @Test
  void theSchemaAcceptsCalendarsAndFragmentsTheReaderAccepts() {
    assertThat(errors(CalendarReader.read("c.yaml", CALENDAR_TEXT).diagnostics())).isEmpty();
    assertValid(CALENDAR_SCHEMA, CALENDAR_TEXT);
    assertThat(errors(FragmentReader.read("f.yaml", FRAGMENT_TEXT, Set.of()).diagnostics()))
        .isEmpty();
    assertValid(FRAGMENT_SCHEMA, FRAGMENT_TEXT);
  }

  // ---- what the reader refuses, the schema refuses ------------------------------------------

  private static final String BASE =
      """
      protocol: base
      title: Base
      steps:
        - id: only
          title: The only step
      """;

  static Stream<Arguments> protocolsTheReaderRefuses() {
    return Stream.of(
        Arguments.of("unknown key", BASE + "colour: red\n"),
        Arguments.of("misspelt key", BASE.replace("title: Base", "titel: Base")),
        Arguments.of("priority as a word", BASE + "priority: high\n"),
        Arguments.of("priority above 1000", BASE + "priority: 1001\n"),
        Arguments.of("bad duration", BASE + "review_every: 6 months\n"),
        Arguments.of("zero duration", BASE + "review_every: PT0H\n"),
        Arguments.of("bad channel", BASE + "channels: [email, fax]\n"),
        Arguments.of("short enum field without values", BASE + "fields: {kind: enum}\n"),
        Arguments.of("missing steps", "protocol: base\ntitle: Base\n"),
        Arguments.of("empty steps", "protocol: base\ntitle: Base\nsteps: []\n"),
        Arguments.of("bad id", BASE.replace("protocol: base", "protocol: Base_1")),
        Arguments.of("bad language", BASE + "languages: [english]\n"),
        Arguments.of("SLA target in months", BASE + "sla: {resolution: P1M}\n"),
        Arguments.of("warn_at of 1", BASE + "sla: {warn_at: 1}\n"),
        Arguments.of("bad benchmark", BASE + "benchmarks: {csat_avg: \"4.5\"}\n"),
        Arguments.of("unknown KPI", BASE + "benchmarks: {happiness: \">= 1\"}\n"),
        Arguments.of("bad survey", BASE + "feedback: {survey: stars}\n"),
        Arguments.of("enum without values", BASE + "fields: {kind: {type: enum}}\n"),
        Arguments.of("values on a string", BASE + "fields: {kind: {type: string, values: [a]}}\n"),
        Arguments.of("pattern on a number", BASE + "fields: {n: {type: number, pattern: x}}\n"),
        Arguments.of("bad field name", BASE + "fields: {OrderNumber: string}\n"),
        Arguments.of("unknown action", BASE + "    action: {celebrate: true}\n"),
        Arguments.of("resolve false", BASE + "    action: {resolve: false}\n"),
        Arguments.of("escalate without to", BASE + "    action: {escalate: {when: true}}\n"),
        Arguments.of("compensate without currency", BASE + "    action: {compensate: {max: 5}}\n"),
        Arguments.of("step without id", BASE + "  - title: No id\n"),
        Arguments.of(
            "branch with both", BASE + "    decide: [{when: true, choice: A, goto: only}]\n"),
        Arguments.of("otherwise with goto", BASE + "    decide: [{otherwise: only, goto: only}]\n"),
        Arguments.of(
            "decide and next", BASE + "    decide: [{otherwise: only}]\n    next: only\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocolsTheReaderRefuses")
  void theSchemaRefusesWhatTheReaderRefuses(String name, String yaml) {
    assertThat(errors(reader(PackContext.EMPTY).read(name + ".yaml", yaml)))
        .as("the reader's errors")
        .isNotEmpty();
    assertThat(PROTOCOL_SCHEMA.validate(yaml(yaml))).as("the schema's errors").isNotEmpty();
    assertThat(BUNDLE_SCHEMA.validate(yaml(yaml))).as("the bundle's errors").isNotEmpty();
  }

  static Stream<Arguments> calendarsTheReaderRefuses() {
    return Stream.of(
        Arguments.of("missing hours", "calendar: c\ntime_zone: UTC\n"),
        Arguments.of(
            "not a quarter hour",
            "calendar: c\ntime_zone: UTC\nhours: {monday: [\"09:10-17:00\"]}\n"),
        Arguments.of(
            "after midnight", "calendar: c\ntime_zone: UTC\nhours: {monday: [\"09:00-24:15\"]}\n"),
        Arguments.of("unknown day", "calendar: c\ntime_zone: UTC\nhours: {funday: []}\n"),
        Arguments.of(
            "bad holiday", "calendar: c\ntime_zone: UTC\nhours: {}\nholidays: [25.12.2026]\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calendarsTheReaderRefuses")
  void theCalendarSchemaRefusesWhatTheReaderRefuses(String name, String yaml) {
    assertThat(errors(CalendarReader.read(name + ".yaml", yaml).diagnostics())).isNotEmpty();
    assertThat(CALENDAR_SCHEMA.validate(yaml(yaml))).isNotEmpty();
  }

  @Test
  void theFragmentSchemaRefusesWhatTheReaderRefuses() {
    for (String yaml : List.of("title: No name\n", "fragment: f\nscript: {english: Hi}\n")) {
      assertThat(errors(FragmentReader.read("f.yaml", yaml, Set.of()).diagnostics()))
          .as(yaml)
          .isNotEmpty();
      assertThat(FRAGMENT_SCHEMA.validate(yaml(yaml))).as(yaml).isNotEmpty();
    }
  }

  // ---- the pack in protocols/ validates -----------------------------------------------------

  @Test
  void everyFileOfTheStarterPackValidates() throws IOException {
    Path pack = ROOT.resolve("protocols");
    if (!Files.isDirectory(pack)) {
      return; // the starter pack is not there yet
    }
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(pack)) {
      for (Path file : files.filter(SchemaContractTest::isYaml).sorted().toList()) {
        Set<ValidationMessage> messages =
            schemaFor(pack.relativize(file)).validate(yaml(read(file)));
        messages.forEach(m -> problems.add(ROOT.relativize(file) + ": " + m.getMessage()));
      }
    }
    assertThat(problems).isEmpty();
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  private static JsonSchema schemaFor(Path relative) {
    for (Path part : relative) {
      if (part.toString().equals("calendars")) {
        return CALENDAR_SCHEMA;
      }
      if (part.toString().equals("fragments")) {
        return FRAGMENT_SCHEMA;
      }
    }
    return PROTOCOL_SCHEMA;
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static ProtocolReader reader(PackContext context) {
    return ProtocolReader.of(context);
  }

  private static PackContext context(String calendarText, String fragmentText) {
    BusinessCalendar calendar =
        CalendarReader.read("calendars/c.yaml", calendarText).calendar().orElseThrow();
    Fragment fragment =
        FragmentReader.read("fragments/f.yaml", fragmentText, Set.of()).fragment().orElseThrow();
    return new PackContext(Map.of(calendar.name(), calendar), Map.of(fragment.name(), fragment));
  }

  private static List<Diagnostic> errors(ProtocolReader.Result result) {
    return errors(result.diagnostics());
  }

  private static List<Diagnostic> errors(List<Diagnostic> diagnostics) {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  private static void assertValid(JsonSchema schema, String yaml) {
    Set<ValidationMessage> messages = schema.validate(yaml(yaml));
    if (!messages.isEmpty()) {
      fail(
          "schema errors:\n  "
              + String.join("\n  ", messages.stream().map(m -> m.getMessage()).toList())
              + "\nin:\n"
              + yaml);
    }
  }

  private static String yamlBlockAfter(String markdown, String heading) {
    int at = markdown.indexOf(heading);
    assertThat(at).as("`%s` in the format doc", heading).isNotNegative();
    Matcher m = Pattern.compile("(?s)```yaml\\n(.*?)```").matcher(markdown);
    assertThat(m.find(at)).as("a yaml block after `%s`", heading).isTrue();
    return m.group(1);
  }

  private static JsonNode def(JsonNode schema, String name) {
    JsonNode def = schema.path("$defs").path(name);
    assertThat(def.isMissingNode()).as("$defs/%s", name).isFalse();
    return def;
  }

  private static JsonNode objectIn(JsonNode alternatives) {
    for (JsonNode alternative : alternatives) {
      if (alternative.has("properties")) {
        return alternative;
      }
    }
    throw new AssertionError("no object among " + alternatives);
  }

  private static List<String> keys(JsonNode objectSchema) {
    List<String> keys = new ArrayList<>();
    objectSchema.path("properties").fieldNames().forEachRemaining(keys::add);
    assertThat(keys).as("properties of %s", objectSchema.path("description")).isNotEmpty();
    return keys;
  }

  private static List<String> words(JsonNode enumSchema) {
    List<String> words = new ArrayList<>();
    enumSchema.path("enum").forEach(w -> words.add(w.asText()));
    return words;
  }

  private static <E extends Enum<E>> List<String> names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(e -> lower(e.name())).toList();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private interface Visitor {
    void visit(String path, JsonNode node);
  }

  private static void walk(JsonNode node, String path, Visitor visitor) {
    if (node.isObject()) {
      visitor.visit(path, node);
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        walk(e.getValue(), path + "/" + e.getKey(), visitor);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "/" + i, visitor);
      }
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode yaml(String text) {
    return JSON.valueToTree(YAML.loadFromString(text));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs/protocol-format.md"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find docs/protocol-format.md above the working dir");
  }
}
