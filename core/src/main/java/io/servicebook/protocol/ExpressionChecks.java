package io.servicebook.protocol;

import io.servicebook.condition.Compilation;
import io.servicebook.condition.ConditionProblem;
import io.servicebook.condition.Conditions;
import io.servicebook.condition.FieldDeclaration;
import io.servicebook.condition.ValueKind;
import io.servicebook.diagnostics.FormatRules;
import io.servicebook.document.YamlFile;
import io.servicebook.document.YamlReader;
import io.servicebook.script.ScriptProblem;
import io.servicebook.script.ScriptTemplates;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Compiles the conditions and checks the scripts of one protocol against its declared fields and
 * the pack's fragments, reporting problems at their place inside the YAML value.
 */
final class ExpressionChecks {

  private final YamlFile yaml;
  private final Conditions conditions;
  private final ScriptTemplates scripts;

  private ExpressionChecks(YamlFile yaml, Conditions conditions, ScriptTemplates scripts) {
    this.yaml = yaml;
    this.conditions = conditions;
    this.scripts = scripts;
  }

  static ExpressionChecks none(PackContext context) {
    return new ExpressionChecks(
        YamlFile.parse("", ""),
        Conditions.forFields(List.of()),
        ScriptTemplates.of(java.util.Set.of(), context.fragments().keySet()));
  }

  static ExpressionChecks of(YamlFile yaml, Map<String, Field> fields, PackContext context) {
    List<FieldDeclaration> declarations =
        fields.values().stream()
            .map(
                f ->
                    new FieldDeclaration(
                        f.name(),
                        kind(f.type()),
                        // `values` on a non-enum field is reported by the reader; ignore it here
                        f.type() == FieldType.ENUM ? f.values() : List.of()))
            .toList();
    return new ExpressionChecks(
        yaml,
        Conditions.forFields(declarations),
        ScriptTemplates.of(fields.keySet(), context.fragments().keySet()));
  }

  static ValueKind kind(FieldType type) {
    return switch (type) {
      case STRING, TEXT, EMAIL, PHONE, ENUM -> ValueKind.TEXT;
      case NUMBER, MONEY -> ValueKind.NUMBER;
      case INTEGER -> ValueKind.INTEGER;
      case BOOLEAN -> ValueKind.BOOLEAN;
      case DATE -> ValueKind.DATE;
      case DATETIME -> ValueKind.DATETIME;
    };
  }

  /** Compiles the condition written in {@code node}; empty (and reported) when it is wrong. */
  Optional<Condition> condition(Node node, String what) {
    if (!(node instanceof ScalarNode scalar) || YamlReader.isNull(scalar)) {
      new YamlReader(yaml).wrongType(node, what, "a condition such as case.category == \"refund\"");
      return Optional.empty();
    }
    String expression = scalar.getValue();
    Compilation compilation = conditions.compile(expression);
    return switch (compilation) {
      case Compilation.Compiled compiled -> {
        // a condition too costly is reported as an error but kept: a version published before
        // the cost check still reads, and the case it is stopped on is flagged when it runs
        compiled.warnings().forEach(w -> report(scalar, w, what));
        yield Optional.of(new Condition(expression, yaml.position(node), compiled.condition()));
      }
      case Compilation.Failed failed -> {
        failed.problems().forEach(p -> report(scalar, p, what));
        yield Optional.empty();
      }
    };
  }

  private void report(ScalarNode node, ConditionProblem problem, String what) {
    var rule =
        switch (problem.kind()) {
          case ERROR -> FormatRules.INVALID_CONDITION;
          case WARNING -> FormatRules.CONDITION_WARNING;
          case TOO_COSTLY -> FormatRules.CONDITION_TOO_COSTLY;
        };
    yaml.report(
        rule,
        yaml.positionInside(node, problem.line(), problem.column()),
        "In " + what + ": " + problem.message());
  }

  /** Checks a script template's placeholders, fragments and syntax. */
  void script(ScalarNode node, String template, String what) {
    for (ScriptProblem problem : scripts.check(template)) {
      yaml.report(
          FormatRules.INVALID_SCRIPT,
          yaml.positionInside(node, problem.line(), problem.column()),
          "In " + what + ": " + problem.message());
    }
  }
}
