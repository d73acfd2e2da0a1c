package io.servicebook.protocol;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.condition.FieldDeclaration;
import io.servicebook.diagnostics.FormatRules;
import io.servicebook.diagnostics.Position;
import io.servicebook.document.Mapping;
import io.servicebook.document.Suggestions;
import io.servicebook.document.YamlFile;
import io.servicebook.document.YamlReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** The reading of one protocol file: the state shared while its parts are read. */
final class ProtocolReading {

  static final List<String> PROTOCOL_KEYS =
      List.of(
          "protocol",
          "title",
          "summary",
          "owner",
          "audience",
          "review_every",
          "applies_when",
          "priority",
          "channels",
          "languages",
          "tags",
          "sla",
          "fields",
          "steps",
          "follow_up",
          "feedback",
          "benchmarks");
  static final List<String> SLA_KEYS =
      List.of(
          "calendar",
          "first_response",
          "next_response",
          "resolution",
          "by_priority",
          "pause_when",
          "warn_at",
          "on_breach");
  static final List<String> TARGET_KEYS = List.of("first_response", "next_response", "resolution");
  static final List<String> FIELD_KEYS =
      List.of("type", "label", "required", "pattern", "values", "min", "max");
  static final List<String> STEP_KEYS =
      List.of(
          "id",
          "title",
          "guidance",
          "script",
          "capture",
          "decide",
          "next",
          "action",
          "skippable",
          "include");
  static final List<String> BRANCH_KEYS = List.of("when", "choice", "goto", "otherwise");
  static final List<String> FOLLOW_UP_KEYS = List.of("after", "channel", "script");
  static final List<String> FEEDBACK_KEYS = List.of("survey", "send");

  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final Pattern BENCHMARK = Pattern.compile("\\s*(>=|<=|>|<)\\s*(\\S+)\\s*");

  private final YamlFile yaml;
  private final YamlReader reader;
  private final PackContext context;
  private final Map<String, Position> keyPositions = new HashMap<>();
  private final List<Reference> stepReferences = new ArrayList<>();
  private Map<String, Field> fields = Map.of();
  private ExpressionChecks checks = ExpressionChecks.none(PackContext.EMPTY);
  private Optional<BusinessCalendar> calendar = Optional.empty();

  /** A {@code goto} or {@code next} seen before all steps are known. */
  private record Reference(String target, Node node) {}

  ProtocolReading(YamlFile yaml, PackContext context) {
    this.yaml = yaml;
    this.reader = new YamlReader(yaml);
    this.context = context;
  }

  Optional<Protocol> protocol() {
    if (yaml.root().isEmpty()) {
      if (!yaml.hasErrors()) {
        yaml.report(
            FormatRules.MISSING_KEY,
            Position.START,
            "The file is empty.",
            "Start a protocol with `protocol: ID`, `title:` and `steps:`.");
      }
      return Optional.empty();
    }
    return reader.mapping(yaml.root().get(), "a protocol", PROTOCOL_KEYS).map(this::protocol);
  }

  private Protocol protocol(Mapping m) {
    m.entries()
        .keySet()
        .forEach(k -> m.keyNode(k).ifPresent(n -> keyPositions.put(k, yaml.position(n))));
    reader.require(m, "protocol", "A protocol");
    reader.require(m, "title", "A protocol");
    reader.require(m, "steps", "A protocol");
    String fallbackSlug = baseName(yaml.file());
    String slug =
        m.get("protocol")
            .flatMap(
                n ->
                    pattern(
                        n,
                        "`protocol`",
                        SLUG,
                        "Write the id in lower case with dashes, like return-and-refund."))
            .orElse(fallbackSlug);
    String title = m.get("title").flatMap(n -> reader.text(n, "`title`")).orElse(slug);
    fields = m.get("fields").map(this::fields).orElse(Map.of());
    checks = ExpressionChecks.of(yaml, fields, context);
    List<String> languages = m.get("languages").map(this::languages).orElse(List.of());
    calendar = Optional.empty();
    Optional<Sla> sla = m.get("sla").flatMap(this::sla);
    List<Step> steps = m.get("steps").map(this::steps).orElse(List.of());
    return new Protocol(
        yaml.file(),
        slug,
        title,
        m.get("summary").flatMap(n -> reader.text(n, "`summary`")),
        m.get("owner").flatMap(n -> reader.text(n, "`owner`")),
        m.get("audience")
            .flatMap(n -> reader.choice(n, "`audience`", Audience.class))
            .orElse(Audience.INTERNAL),
        m.get("review_every").flatMap(n -> duration(n, "`review_every`")),
        m.get("applies_when").flatMap(n -> checks.condition(n, "`applies_when`")),
        m.get("priority")
            .flatMap(n -> reader.integer(n, "`priority`", 0, 1000))
            .orElse(Protocol.DEFAULT_PRIORITY),
        m.get("channels")
            .map(
                n ->
                    reader.each(n, "`channels`", c -> reader.choice(c, "a channel", Channel.class)))
            .orElse(List.of()),
        languages,
        sla,
        fields,
        steps,
        m.get("follow_up").flatMap(this::followUp),
        m.get("feedback").flatMap(this::feedback),
        m.get("benchmarks").map(this::benchmarks).orElse(List.of()),
        m.get("tags")
            .map(n -> reader.each(n, "`tags`", t -> reader.text(t, "a tag")))
            .orElse(List.of()),
        keyPositions);
  }

  private static String baseName(String file) {
    String name = file.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private Optional<String> pattern(Node node, String what, Pattern pattern, String hint) {
    return reader
        .text(node, what)
        .flatMap(
            text -> {
              if (pattern.matcher(text).matches()) {
                return Optional.of(text);
              }
              yaml.report(
                  FormatRules.INVALID_VALUE,
                  node,
                  "`" + text + "` is not a valid " + what + ".",
                  hint);
              return Optional.empty();
            });
  }

  private List<String> languages(Node node) {
    return reader.each(
        node,
        "`languages`",
        n ->
            pattern(
                n, "language code", LANGUAGE, "Use language codes such as en, es, de or pt-BR."));
  }

  // ---- durations ----------------------------------------------------------------------------

  Optional<IsoDuration> duration(Node node, String what) {
    if (node instanceof ScalarNode scalar && !YamlReader.isNull(scalar)) {
      Optional<IsoDuration> parsed = IsoDuration.parse(scalar.getValue());
      if (parsed.isEmpty()) {
        yaml.report(
            FormatRules.INVALID_DURATION,
            node,
            what + " is `" + scalar.getValue() + "`, which is not an ISO-8601 duration.",
            "Write durations like PT30M (30 minutes), PT4H (4 hours), P2D (2 days) or P6M (6 months).");
      }
      return parsed;
    }
    reader.wrongType(node, what, "an ISO-8601 duration such as PT4H");
    return Optional.empty();
  }

  // ---- fields -------------------------------------------------------------------------------

  private Map<String, Field> fields(Node node) {
    Map<String, Field> result = new LinkedHashMap<>();
    reader
        .namedEntries(node, "`fields`")
        .ifPresent(
            entries ->
                entries.forEach(
                    (name, value) -> {
                      if (!FIELD_NAME.matcher(name.getValue()).matches()) {
                        yaml.report(
                            FormatRules.INVALID_VALUE,
                            name,
                            "`" + name.getValue() + "` is not a valid field name.",
                            "Field names are lower case letters, digits and underscores, starting with a letter,"
                                + " like order_number.");
                        return;
                      }
                      if (FieldDeclaration.isReservedWord(name.getValue())) {
                        yaml.report(
                            FormatRules.INVALID_VALUE,
                            name,
                            "`"
                                + name.getValue()
                                + "` cannot be a field name: conditions keep it as a word of"
                                + " their own, so `fields."
                                + name.getValue()
                                + "` could not be written in one.",
                            "Rename the field, e.g. "
                                + name.getValue()
                                + "_reason or "
                                + name.getValue()
                                + "_type.");
                        return;
                      }
                      field(name.getValue(), value).ifPresent(f -> result.put(f.name(), f));
                    }));
    return result;
  }

  private Optional<Field> field(String name, Node node) {
    String what = "field `" + name + "`";
    if (node instanceof ScalarNode) {
      Optional<FieldType> shortType = reader.choice(node, "the type of " + what, FieldType.class);
      if (shortType.isPresent() && shortType.get() == FieldType.ENUM) {
        yaml.report(
            FormatRules.MISSING_KEY,
            node,
            what + " is a choice (`enum`) but lists no `values`.",
            "Write it as `" + name + ": {type: enum, values: [first, second]}`.");
        return Optional.empty();
      }
      return shortType.map(
          type ->
              new Field(
                  name,
                  type,
                  Optional.empty(),
                  false,
                  Optional.empty(),
                  List.of(),
                  Optional.empty(),
                  Optional.empty(),
                  yaml.position(node)));
    }
    return reader
        .mapping(node, what, FIELD_KEYS)
        .flatMap(
            m -> {
              reader.require(m, "type", what);
              Optional<FieldType> type =
                  m.get("type")
                      .flatMap(n -> reader.choice(n, "the type of " + what, FieldType.class));
              List<String> values =
                  m.get("values")
                      .map(
                          n ->
                              reader.each(
                                  n, "the values of " + what, v -> reader.text(v, "a value")))
                      .orElse(List.of());
              Optional<String> pattern = m.get("pattern").flatMap(n -> regex(n, what));
              Optional<BigDecimal> min =
                  m.get("min").flatMap(n -> reader.decimal(n, "`min` of " + what));
              Optional<BigDecimal> max =
                  m.get("max").flatMap(n -> reader.decimal(n, "`max` of " + what));
              type.ifPresent(t -> checkFieldOptions(t, m, what, values));
              if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
                yaml.report(
                    FormatRules.INVALID_VALUE,
                    m.get("min").get(),
                    "`min` of "
                        + what
                        + " ("
                        + min.get()
                        + ") is above its `max` ("
                        + max.get()
                        + ").",
                    "Swap the two values.");
              }
              return type.map(
                  t ->
                      new Field(
                          name,
                          t,
                          m.get("label").flatMap(n -> reader.text(n, "`label` of " + what)),
                          m.get("required")
                              .flatMap(n -> reader.bool(n, "`required` of " + what))
                              .orElse(false),
                          pattern,
                          values,
                          min,
                          max,
                          yaml.position(node)));
            });
  }

  private void checkFieldOptions(FieldType type, Mapping m, String what, List<String> values) {
    if (type == FieldType.ENUM && values.isEmpty()) {
      yaml.report(
          FormatRules.MISSING_KEY,
          m.node(),
          what + " is a choice (`enum`) but lists no `values`.",
          "Add `values: [first, second]` with the choices.");
    }
    if (type != FieldType.ENUM && m.has("values")) {
      yaml.report(
          FormatRules.INVALID_VALUE,
          m.keyNode("values").get(),
          "`values` only applies to `enum` fields, and " + what + " is `" + type.key() + "`.",
          "Make the field `type: enum`, or remove `values`.");
    }
    boolean textual =
        type == FieldType.STRING
            || type == FieldType.TEXT
            || type == FieldType.EMAIL
            || type == FieldType.PHONE;
    if (!textual && m.has("pattern")) {
      yaml.report(
          FormatRules.INVALID_VALUE,
          m.keyNode("pattern").get(),
          "`pattern` only applies to text fields, and " + what + " is `" + type.key() + "`.",
          "Remove `pattern`, or make the field a string.");
    }
  }

  private Optional<String> regex(Node node, String what) {
    return reader
        .text(node, "`pattern` of " + what)
        .flatMap(
            text -> {
              try {
                Pattern.compile(text);
                return Optional.of(text);
              } catch (PatternSyntaxException e) {
                Position at =
                    node instanceof ScalarNode s && e.getIndex() >= 0
                        ? yaml.positionInside(s, 1, e.getIndex() + 1)
                        : yaml.position(node);
                yaml.report(
                    FormatRules.INVALID_PATTERN,
                    at,
                    "The pattern of "
                        + what
                        + " is not a valid regular expression: "
                        + e.getDescription()
                        + (e.getIndex() >= 0 ? " (at character " + (e.getIndex() + 1) + ")" : "")
                        + ".");
                return Optional.empty();
              }
            });
  }

  // ---- SLA ----------------------------------------------------------------------------------

  private Optional<Sla> sla(Node node) {
    return reader
        .mapping(node, "`sla`", SLA_KEYS)
        .map(
            m -> {
              Optional<String> calendarName =
                  m.get("calendar").flatMap(n -> reader.text(n, "`calendar`"));
              calendarName.ifPresent(
                  name -> {
                    calendar = Optional.ofNullable(context.calendars().get(name));
                    if (calendar.isEmpty()) {
                      String known =
                          context.calendars().isEmpty()
                              ? "The pack has no calendars/ folder."
                              : "Calendars of the pack: "
                                  + String.join(", ", context.calendars().keySet())
                                  + ".";
                      yaml.report(
                          FormatRules.UNKNOWN_CALENDAR,
                          m.get("calendar").get(),
                          "There is no calendar named `"
                              + name
                              + "`. "
                              + known
                              + Suggestions.closest(name, context.calendars().keySet())
                                  .map(s -> " Did you mean `" + s + "`?")
                                  .orElse(""));
                    }
                  });
              Sla.Targets targets = targets(m, "`sla`");
              Map<Priority, Sla.Targets> byPriority = new EnumMap<>(Priority.class);
              m.get("by_priority")
                  .ifPresent(
                      n ->
                          reader
                              .namedEntries(n, "`by_priority`")
                              .ifPresent(
                                  entries ->
                                      entries.forEach(
                                          (key, value) ->
                                              reader
                                                  .choice(key, "a priority", Priority.class)
                                                  .ifPresent(
                                                      p ->
                                                          reader
                                                              .mapping(
                                                                  value,
                                                                  "the targets for "
                                                                      + key.getValue(),
                                                                  TARGET_KEYS)
                                                              .ifPresent(
                                                                  tm ->
                                                                      byPriority.put(
                                                                          p,
                                                                          targets(
                                                                              tm,
                                                                              "the "
                                                                                  + key.getValue()
                                                                                  + " targets")))))));
              Optional<Condition> pause =
                  m.get("pause_when").flatMap(n -> checks.condition(n, "`pause_when`"));
              double warnAt = m.get("warn_at").flatMap(this::warnAt).orElse(Sla.DEFAULT_WARN_AT);
              List<Action> onBreach =
                  m.get("on_breach").map(n -> actions(n, "`on_breach`")).orElse(List.of());
              return new Sla(
                  calendarName, targets, byPriority, pause, warnAt, onBreach, yaml.position(node));
            });
  }

  private Sla.Targets targets(Mapping m, String what) {
    return new Sla.Targets(
        m.get("first_response").flatMap(n -> target(n, "`first_response` of " + what)),
        m.get("next_response").flatMap(n -> target(n, "`next_response` of " + what)),
        m.get("resolution").flatMap(n -> target(n, "`resolution` of " + what)));
  }

  private Optional<Duration> target(Node node, String what) {
    return duration(node, what)
        .flatMap(
            d -> {
              if (d.period().getYears() != 0 || d.period().getMonths() != 0) {
                yaml.report(
                    FormatRules.INVALID_DURATION,
                    node,
                    what + " is `" + d + "`; SLA targets cannot be counted in months or years.",
                    "Write the target in hours and minutes, such as PT40H.");
                return Optional.empty();
              }
              if (d.hasCalendarPart() && calendar.isPresent() && !calendar.get().isAlwaysOpen()) {
                yaml.report(
                    FormatRules.BUSINESS_DAYS,
                    node,
                    what
                        + " is `"
                        + d
                        + "`, a number of days, but calendar `"
                        + calendar.get().name()
                        + "` has business hours, so a day is ambiguous.",
                    "Write the target in business hours and minutes, such as PT8H for one working day of"
                        + " eight hours, or use a 24/7 calendar.");
                return Optional.empty();
              }
              return d.asElapsed();
            });
  }

  private Optional<Double> warnAt(Node node) {
    return reader
        .decimal(node, "`warn_at`")
        .flatMap(
            v -> {
              if (v.signum() > 0 && v.compareTo(BigDecimal.ONE) < 0) {
                return Optional.of(v.doubleValue());
              }
              yaml.report(
                  FormatRules.INVALID_VALUE,
                  node,
                  "`warn_at` is "
                      + v.toPlainString()
                      + ", but it must be a share of the target between 0"
                      + " and 1 (exclusive).",
                  "Use for example 0.75 to warn when three quarters of the time is used.");
              return Optional.empty();
            });
  }

  // ---- steps --------------------------------------------------------------------------------

  private List<Step> steps(Node node) {
    List<Step> steps = new ArrayList<>();
    Map<String, Node> ids = new HashMap<>();
    List<Node> items = reader.list(node, "`steps`").orElse(List.of());
    if (node instanceof SequenceNode && items.isEmpty()) {
      yaml.report(FormatRules.MISSING_KEY, node, "`steps` is empty.", "Add at least one step.");
    }
    int number = 0;
    for (Node item : items) {
      number++;
      Optional<Step> read = step(item, number);
      if (read.isEmpty()) {
        continue;
      }
      Step step = read.get();
      Node first = ids.get(step.id());
      if (first != null) {
        yaml.report(
            FormatRules.DUPLICATE_STEP,
            step.position(),
            "Step id `"
                + step.id()
                + "` is used twice (first at line "
                + yaml.position(first).line()
                + ").",
            "Rename one of the two steps, and update the `goto`/`next` that should lead to it.");
      } else {
        ids.put(step.id(), item);
        steps.add(step);
      }
    }
    for (Reference ref : stepReferences) {
      if (!ids.containsKey(ref.target())) {
        yaml.report(
            FormatRules.UNKNOWN_STEP,
            ref.node(),
            "There is no step `"
                + ref.target()
                + "`. "
                + Suggestions.closest(ref.target(), ids.keySet())
                    .map(s -> "Did you mean `" + s + "`?")
                    .orElse("Steps: " + String.join(", ", ids.keySet()) + "."));
      }
    }
    return steps;
  }

  private Optional<Step> step(Node node, int number) {
    String what = "step " + number;
    return reader
        .mapping(node, what, STEP_KEYS)
        .flatMap(
            m -> {
              reader.require(m, "id", what);
              Optional<String> id =
                  m.get("id")
                      .flatMap(
                          n ->
                              pattern(
                                  n,
                                  "step id",
                                  STEP_ID,
                                  "Step ids are letters, digits, dashes and underscores, like check-eligibility."));
              String name = id.map(i -> "step `" + i + "`").orElse(what);
              Optional<Fragment> fragment = m.get("include").flatMap(n -> fragment(n, name));
              Optional<Script> script =
                  m.get("script")
                      .flatMap(n -> script(n, "the script of " + name))
                      .or(() -> fragment.flatMap(Fragment::script));
              List<String> capture = m.get("capture").map(n -> capture(n, name)).orElse(List.of());
              List<Branch> decide = m.get("decide").map(n -> decide(n, name)).orElse(List.of());
              Optional<String> next = m.get("next").flatMap(n -> reference(n, "`next` of " + name));
              if (next.isPresent() && !decide.isEmpty()) {
                yaml.report(
                    FormatRules.INVALID_VALUE,
                    m.keyNode("next").get(),
                    name + " has both `decide` and `next`; the decision already says where to go.",
                    "Remove `next`, or add it as the `otherwise` branch.");
              }
              List<Action> actions =
                  m.get("action").map(n -> actions(n, "the action of " + name)).orElse(List.of());
              return id.map(
                  i ->
                      new Step(
                          i,
                          m.get("title")
                              .flatMap(n -> reader.text(n, "the title of " + name))
                              .or(() -> fragment.flatMap(Fragment::title)),
                          script,
                          m.get("guidance")
                              .flatMap(n -> reader.text(n, "the guidance of " + name))
                              .or(() -> fragment.flatMap(Fragment::guidance)),
                          capture,
                          decide,
                          next,
                          actions,
                          m.get("skippable")
                              .flatMap(n -> reader.bool(n, "`skippable` of " + name))
                              .orElse(false),
                          fragment.map(Fragment::name),
                          yaml.position(node)));
            });
  }

  private Optional<Fragment> fragment(Node node, String step) {
    return reader
        .text(node, "`include` of " + step)
        .flatMap(
            name -> {
              Fragment fragment = context.fragments().get(name);
              if (fragment == null) {
                String known =
                    context.fragments().isEmpty()
                        ? "The pack has no fragments/ folder."
                        : "Fragments of the pack: "
                            + String.join(", ", context.fragments().keySet())
                            + ".";
                yaml.report(
                    FormatRules.UNKNOWN_FRAGMENT,
                    node,
                    "There is no fragment named `"
                        + name
                        + "`. "
                        + known
                        + Suggestions.closest(name, context.fragments().keySet())
                            .map(s -> " Did you mean `" + s + "`?")
                            .orElse(""));
              }
              return Optional.ofNullable(fragment);
            });
  }

  private List<String> capture(Node node, String step) {
    List<String> names = new ArrayList<>();
    for (Node item : reader.listOrOne(node)) {
      reader
          .text(item, "a captured field of " + step)
          .ifPresent(
              name -> {
                if (!fields.containsKey(name)) {
                  yaml.report(
                      FormatRules.UNDECLARED_FIELD,
                      item,
                      step
                          + " captures `"
                          + name
                          + "`, which is not declared under `fields`."
                          + Suggestions.closest(name, fields.keySet())
                              .map(s -> " Did you mean `" + s + "`?")
                              .orElse(""),
                      fields.isEmpty()
                          ? "Declare it under `fields:` with its type."
                          : "Declared fields: " + String.join(", ", fields.keySet()) + ".");
                } else {
                  names.add(name);
                }
              });
    }
    return names;
  }

  private Optional<String> reference(Node node, String what) {
    Optional<String> target = reader.text(node, what);
    target.ifPresent(t -> stepReferences.add(new Reference(t, node)));
    return target;
  }

  private List<Branch> decide(Node node, String step) {
    List<Branch> branches = new ArrayList<>();
    List<Node> items = reader.list(node, "`decide` of " + step).orElse(List.of());
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String what = "branch " + (i + 1) + " of " + step;
      boolean last = i == items.size() - 1;
      reader
          .mapping(item, what, BRANCH_KEYS)
          .flatMap(m -> branch(m, what, last))
          .ifPresent(branches::add);
    }
    if (node instanceof SequenceNode && items.isEmpty()) {
      yaml.report(
          FormatRules.MISSING_KEY,
          node,
          "`decide` of " + step + " has no branches.",
          "Add branches like `- when: CONDITION` with `goto: STEP`, and `- otherwise: STEP`.");
    }
    return branches;
  }

  private Optional<Branch> branch(Mapping m, String what, boolean last) {
    Position at = yaml.position(m.node());
    if (m.has("otherwise")) {
      if (m.has("when") || m.has("choice") || m.has("goto")) {
        yaml.report(
            FormatRules.INVALID_VALUE,
            m.node(),
            what + " mixes `otherwise` with `when`, `choice` or `goto`.",
            "Write the fallback branch as `- otherwise: STEP` on its own.");
      }
      if (!last) {
        yaml.report(
            FormatRules.INVALID_VALUE,
            m.node(),
            what
                + " is an `otherwise` branch but is not the last one; the branches after it would"
                + " never be taken.",
            "Move `otherwise` to the end of the list.");
      }
      return reference(m.get("otherwise").get(), "`otherwise` of " + what)
          .map(t -> new Branch.Otherwise(t, at));
    }
    if (m.has("when") == m.has("choice")) {
      yaml.report(
          FormatRules.MISSING_KEY,
          m.node(),
          what
              + " needs either `when` (a condition) or `choice` (a button for the agent), not "
              + (m.has("when") ? "both" : "neither")
              + ".",
          "Write `- when: CONDITION` or `- choice: \"Label\"`, each with `goto: STEP`.");
      return Optional.empty();
    }
    reader.require(m, "goto", what);
    Optional<String> target = m.get("goto").flatMap(n -> reference(n, "`goto` of " + what));
    if (m.has("when")) {
      Optional<Condition> when = checks.condition(m.get("when").get(), "the condition of " + what);
      return when.flatMap(w -> target.map(t -> new Branch.When(w, t, at)));
    }
    Optional<String> label = reader.text(m.get("choice").get(), "the choice of " + what);
    return label.flatMap(l -> target.map(t -> new Branch.Choice(l, t, at)));
  }

  // ---- scripts ------------------------------------------------------------------------------

  Optional<Script> script(Node node, String what) {
    Map<String, Map<String, Script.Text>> byLanguage = new LinkedHashMap<>();
    if (node instanceof ScalarNode scalar) {
      text(scalar, Script.ANY_LANGUAGE, Script.ANY_CHANNEL, what)
          .ifPresent(t -> byLanguage.put(Script.ANY_LANGUAGE, Map.of(Script.ANY_CHANNEL, t)));
    } else if (node instanceof MappingNode) {
      reader
          .namedEntries(node, what)
          .ifPresent(
              entries ->
                  entries.forEach(
                      (lang, value) -> {
                        if (!LANGUAGE.matcher(lang.getValue()).matches()) {
                          yaml.report(
                              FormatRules.INVALID_VALUE,
                              lang,
                              "`" + lang.getValue() + "` in " + what + " is not a language code.",
                              "Key scripts by language code (en, es, de, pt-BR); vary by channel inside a language:"
                                  + " `en: {default: …, chat: …}`.");
                          return;
                        }
                        Map<String, Script.Text> byChannel =
                            languageTexts(lang.getValue(), value, what);
                        if (!byChannel.isEmpty()) {
                          byLanguage.put(lang.getValue(), byChannel);
                        }
                      }));
    } else {
      reader.wrongType(node, what, "text, or a map of language to text");
    }
    if (byLanguage.isEmpty() && node instanceof MappingNode map && map.getValue().isEmpty()) {
      yaml.report(
          FormatRules.MISSING_KEY,
          node,
          what + " is empty.",
          "Write the text, or a map of language to text such as {en: \"Hello\", es: \"Hola\"}.");
    }
    return byLanguage.isEmpty() ? Optional.empty() : Optional.of(new Script(byLanguage));
  }

  private Map<String, Script.Text> languageTexts(String language, Node node, String what) {
    Map<String, Script.Text> byChannel = new LinkedHashMap<>();
    String inLanguage = what + " in `" + language + "`";
    if (node instanceof ScalarNode scalar) {
      text(scalar, language, Script.ANY_CHANNEL, inLanguage)
          .ifPresent(t -> byChannel.put(Script.ANY_CHANNEL, t));
      return byChannel;
    }
    List<String> channelKeys = new ArrayList<>();
    channelKeys.add(Script.ANY_CHANNEL);
    for (Channel c : Channel.values()) {
      channelKeys.add(c.key());
    }
    reader
        .mapping(node, inLanguage, channelKeys)
        .ifPresent(
            m ->
                m.entries()
                    .forEach(
                        (channel, value) -> {
                          if (value instanceof ScalarNode scalar) {
                            text(scalar, language, channel, inLanguage + " for " + channel)
                                .ifPresent(t -> byChannel.put(channel, t));
                          } else {
                            reader.wrongType(value, inLanguage + " for " + channel, "text");
                          }
                        }));
    return byChannel;
  }

  private Optional<Script.Text> text(
      ScalarNode scalar, String language, String channel, String what) {
    return reader
        .text(scalar, what)
        .map(
            template -> {
              checks.script(scalar, template, what);
              return new Script.Text(language, channel, template, yaml.position(scalar));
            });
  }

  // ---- actions ------------------------------------------------------------------------------

  List<Action> actions(Node node, String what) {
    return new ActionReading(this, yaml, reader, checks).actions(node, what);
  }

  // ---- follow-up, feedback, benchmarks ------------------------------------------------------

  private Optional<FollowUp> followUp(Node node) {
    return reader
        .mapping(node, "`follow_up`", FOLLOW_UP_KEYS)
        .flatMap(
            m -> {
              reader.require(m, "after", "`follow_up`");
              Optional<IsoDuration> after =
                  m.get("after").flatMap(n -> duration(n, "`after` of `follow_up`"));
              return after.map(
                  a ->
                      new FollowUp(
                          a,
                          m.get("channel")
                              .flatMap(
                                  n ->
                                      reader.choice(
                                          n, "the channel of `follow_up`", Channel.class)),
                          m.get("script").flatMap(n -> script(n, "the script of `follow_up`")),
                          yaml.position(node)));
            });
  }

  private Optional<Feedback> feedback(Node node) {
    return reader
        .mapping(node, "`feedback`", FEEDBACK_KEYS)
        .flatMap(
            m -> {
              reader.require(m, "survey", "`feedback`");
              Feedback.Send send =
                  m.get("send")
                      .flatMap(n -> reader.choice(n, "`send` of `feedback`", Feedback.Send.class))
                      .orElse(Feedback.Send.ON_RESOLVE);
              return m.get("survey")
                  .flatMap(n -> reader.choice(n, "the survey of `feedback`", SurveyKind.class))
                  .map(s -> new Feedback(s, send, yaml.position(node)));
            });
  }

  private List<Benchmark> benchmarks(Node node) {
    List<Benchmark> result = new ArrayList<>();
    List<String> kpis = java.util.Arrays.stream(Kpi.values()).map(Kpi::key).toList();
    reader
        .namedEntries(node, "`benchmarks`")
        .ifPresent(
            entries ->
                entries.forEach(
                    (key, value) -> {
                      if (!kpis.contains(key.getValue())) {
                        reader.unknownKey(key, key.getValue(), "`benchmarks` (a KPI name)", kpis);
                        return;
                      }
                      benchmark(
                              Kpi.valueOf(key.getValue().toUpperCase(java.util.Locale.ROOT)), value)
                          .ifPresent(result::add);
                    }));
    return result;
  }

  private Optional<Benchmark> benchmark(Kpi kpi, Node node) {
    String what = "the benchmark `" + kpi.key() + "`";
    String example =
        switch (kpi.unit()) {
          case DURATION -> "\"<= PT1H\"";
          case RATIO -> "\">= 0.9\" (a share from 0 to 1)";
          case SCORE -> "\">= 4.5\"";
        };
    if (!(node instanceof ScalarNode scalar) || YamlReader.isNull(scalar)) {
      reader.wrongType(node, what, "a comparison in quotes, like " + example);
      return Optional.empty();
    }
    Matcher m = BENCHMARK.matcher(scalar.getValue());
    if (!m.matches()) {
      yaml.report(
          FormatRules.INVALID_VALUE,
          node,
          what + " is `" + scalar.getValue() + "`; it needs a comparison and a target.",
          "Write it like " + example + ".");
      return Optional.empty();
    }
    Benchmark.Comparison op =
        switch (m.group(1)) {
          case ">=" -> Benchmark.Comparison.AT_LEAST;
          case "<=" -> Benchmark.Comparison.AT_MOST;
          case ">" -> Benchmark.Comparison.ABOVE;
          default -> Benchmark.Comparison.BELOW;
        };
    return benchmarkTarget(kpi, m.group(2), node, what, example)
        .map(t -> new Benchmark(kpi, op, t, scalar.getValue().trim(), yaml.position(node)));
  }

  private Optional<BigDecimal> benchmarkTarget(
      Kpi kpi, String text, Node node, String what, String example) {
    if (kpi.unit() == Kpi.Unit.DURATION) {
      Optional<Duration> d = IsoDuration.parse(text).flatMap(IsoDuration::asElapsed);
      if (d.isEmpty()) {
        yaml.report(
            FormatRules.INVALID_DURATION,
            node,
            what + " needs a duration target, not `" + text + "`.",
            "Write it like " + example + ".");
      }
      return d.map(x -> BigDecimal.valueOf(x.toSeconds()));
    }
    try {
      BigDecimal value = new BigDecimal(text);
      if (kpi.unit() == Kpi.Unit.RATIO
          && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
        yaml.report(
            FormatRules.INVALID_VALUE,
            node,
            what + " is a share, so its target must be between 0 and 1, not " + text + ".",
            "Write 90% as 0.9.");
        return Optional.empty();
      }
      return Optional.of(value);
    } catch (NumberFormatException e) {
      yaml.report(
          FormatRules.INVALID_VALUE,
          node,
          what + " needs a number as target, not `" + text + "`.",
          "Write it like " + example + ".");
      return Optional.empty();
    }
  }
}
