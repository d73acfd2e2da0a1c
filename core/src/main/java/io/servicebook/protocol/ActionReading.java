package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;
import io.servicebook.document.Mapping;
import io.servicebook.document.YamlFile;
import io.servicebook.document.YamlReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Reads actions in their short ({@code escalate: supervisor}) and long forms. */
final class ActionReading {

  static final List<String> ACTIONS =
      List.of(
          "escalate",
          "compensate",
          "follow_up",
          "survey",
          "resolve",
          "handoff",
          "reassign",
          "raise_priority",
          "notify");

  private final ProtocolReading protocol;
  private final YamlFile yaml;
  private final YamlReader reader;
  private final ExpressionChecks checks;

  ActionReading(
      ProtocolReading protocol, YamlFile yaml, YamlReader reader, ExpressionChecks checks) {
    this.protocol = protocol;
    this.yaml = yaml;
    this.reader = reader;
    this.checks = checks;
  }

  /** A map of one or more actions, or a list of such maps. */
  List<Action> actions(Node node, String what) {
    List<Action> actions = new ArrayList<>();
    if (node instanceof SequenceNode seq) {
      seq.getValue().forEach(item -> actionMap(item, what, actions));
    } else {
      actionMap(node, what, actions);
    }
    return actions;
  }

  private void actionMap(Node node, String what, List<Action> into) {
    if (!(node instanceof MappingNode)) {
      reader.wrongType(node, what, "an action such as `escalate: supervisor` or `resolve: true`");
      return;
    }
    reader
        .namedEntries(node, what)
        .ifPresent(
            entries ->
                entries.forEach(
                    (key, value) -> {
                      String name = key.getValue();
                      if (!ACTIONS.contains(name)) {
                        reader.unknownKey(key, name, what + " (an action)", ACTIONS);
                        return;
                      }
                      action(name, value, yaml.position(key)).ifPresent(into::add);
                    }));
  }

  private Optional<Action> action(String name, Node value, Position at) {
    return switch (name) {
      case "escalate" ->
          target(value, "escalate", "to").map(t -> new Action.Escalate(t.name(), t.when(), at));
      case "reassign" ->
          target(value, "reassign", "to").map(t -> new Action.Reassign(t.name(), t.when(), at));
      case "handoff" ->
          target(value, "handoff", "to").map(t -> new Action.Handoff(t.name(), t.when(), at));
      case "notify" ->
          target(value, "notify", "who").map(t -> new Action.Notify(t.name(), t.when(), at));
      case "compensate" -> compensate(value, at);
      case "follow_up" -> followUp(value, at);
      case "survey" -> survey(value, at);
      case "resolve" -> flag(value, "resolve").map(when -> new Action.Resolve(when, at));
      case "raise_priority" -> raisePriority(value, at);
      default ->
          throw new IllegalStateException(
              "action list and switch disagree on " + name + " (a bug)");
    };
  }

  /** A name and an optional condition: {@code escalate: supervisor} or {@code {to: …, when: …}}. */
  private record Target(String name, Optional<Condition> when) {}

  private Optional<Target> target(Node value, String action, String key) {
    String what = "`" + action + "`";
    if (value instanceof ScalarNode) {
      return reader.text(value, what).map(t -> new Target(t, Optional.empty()));
    }
    return reader
        .mapping(value, what, List.of(key, "when"))
        .flatMap(
            m -> {
              reader.require(m, key, what);
              Optional<Condition> when = when(m, what);
              return m.get(key)
                  .flatMap(n -> reader.text(n, "`" + key + "` of " + what))
                  .map(t -> new Target(t, when));
            });
  }

  private Optional<Condition> when(Mapping m, String what) {
    return m.get("when").flatMap(n -> checks.condition(n, "the condition of " + what));
  }

  private Optional<Action> compensate(Node value, Position at) {
    String what = "`compensate`";
    return reader
        .mapping(value, what, List.of("max", "currency", "approval_above", "when"))
        .map(
            m -> {
              reader.require(m, "currency", what);
              Optional<BigDecimal> max =
                  m.get("max").flatMap(n -> reader.decimal(n, "`max` of " + what));
              Optional<BigDecimal> approval =
                  m.get("approval_above")
                      .flatMap(n -> reader.decimal(n, "`approval_above` of " + what));
              String currency = m.get("currency").flatMap(n -> currency(n)).orElse("EUR");
              if (max.isPresent()
                  && approval.isPresent()
                  && approval.get().compareTo(max.get()) > 0) {
                yaml.report(
                    io.servicebook.diagnostics.FormatRules.INVALID_VALUE,
                    m.get("approval_above").get(),
                    "`approval_above` ("
                        + approval.get()
                        + ") is above `max` ("
                        + max.get()
                        + "), so approval would never be asked.",
                    "Set `approval_above` below `max`.");
              }
              max.filter(x -> x.signum() <= 0)
                  .ifPresent(
                      x ->
                          yaml.report(
                              io.servicebook.diagnostics.FormatRules.INVALID_VALUE,
                              m.get("max").get(),
                              "`max` of " + what + " must be above zero.",
                              "Give the most an agent may offer."));
              return new Action.Compensate(max, currency, approval, when(m, what), at);
            });
  }

  private Optional<String> currency(Node node) {
    return reader
        .text(node, "`currency` of `compensate`")
        .flatMap(
            c -> {
              try {
                return Optional.of(
                    java.util.Currency.getInstance(c.toUpperCase(Locale.ROOT)).getCurrencyCode());
              } catch (IllegalArgumentException e) {
                yaml.report(
                    io.servicebook.diagnostics.FormatRules.INVALID_VALUE,
                    node,
                    "`" + c + "` is not a currency code.",
                    "Use an ISO 4217 code such as EUR, USD or GBP.");
                return Optional.empty();
              }
            });
  }

  private Optional<Action> followUp(Node value, Position at) {
    String what = "`follow_up`";
    if (value instanceof ScalarNode) {
      return protocol
          .duration(value, "`follow_up`")
          .map(
              d ->
                  new Action.ScheduleFollowUp(
                      d, Optional.empty(), Optional.empty(), Optional.empty(), at));
    }
    return reader
        .mapping(value, what, List.of("after", "channel", "script", "when"))
        .flatMap(
            m -> {
              reader.require(m, "after", what);
              return m.get("after")
                  .flatMap(n -> protocol.duration(n, "`after` of " + what))
                  .map(
                      d ->
                          new Action.ScheduleFollowUp(
                              d,
                              m.get("channel")
                                  .flatMap(
                                      n ->
                                          reader.choice(
                                              n, "the channel of " + what, Channel.class)),
                              m.get("script")
                                  .flatMap(n -> protocol.script(n, "the script of " + what)),
                              when(m, what),
                              at));
            });
  }

  private Optional<Action> survey(Node value, Position at) {
    String what = "`survey`";
    if (value instanceof ScalarNode) {
      return reader
          .choice(value, what, SurveyKind.class)
          .map(k -> new Action.SendSurvey(k, Optional.empty(), at));
    }
    return reader
        .mapping(value, what, List.of("kind", "when"))
        .flatMap(
            m -> {
              reader.require(m, "kind", what);
              return m.get("kind")
                  .flatMap(n -> reader.choice(n, "`kind` of " + what, SurveyKind.class))
                  .map(k -> new Action.SendSurvey(k, when(m, what), at));
            });
  }

  private Optional<Action> raisePriority(Node value, Position at) {
    String what = "`raise_priority`";
    if (value instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      return flag(value, "raise_priority")
          .map(when -> new Action.RaisePriority(Optional.empty(), when, at));
    }
    if (value instanceof ScalarNode) {
      return reader
          .choice(value, what, Priority.class)
          .map(p -> new Action.RaisePriority(Optional.of(p), Optional.empty(), at));
    }
    return reader
        .mapping(value, what, List.of("to", "when"))
        .map(
            m ->
                new Action.RaisePriority(
                    m.get("to").flatMap(n -> reader.choice(n, "`to` of " + what, Priority.class)),
                    when(m, what),
                    at));
  }

  /** {@code resolve: true} or {@code resolve: {when: …}}; {@code false} is refused as pointless. */
  private Optional<Optional<Condition>> flag(Node value, String action) {
    String what = "`" + action + "`";
    if (value instanceof ScalarNode) {
      Optional<Boolean> on = reader.bool(value, what);
      if (on.isPresent() && !on.get()) {
        yaml.report(
            io.servicebook.diagnostics.FormatRules.INVALID_VALUE,
            value,
            what + " is `false`, which does nothing.",
            "Remove the action, or write `" + action + ": true`.");
        return Optional.empty();
      }
      return on.map(x -> Optional.empty());
    }
    return reader.mapping(value, what, List.of("when")).map(m -> when(m, what));
  }
}
