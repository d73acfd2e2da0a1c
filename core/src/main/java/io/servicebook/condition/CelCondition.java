package io.servicebook.condition;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelLateFunctionBindings;
import dev.cel.runtime.CelRuntime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A compiled CEL program plus what is known about it; immutable, so thread-safe. */
final class CelCondition implements CompiledCondition {

  private final String expression;
  private final CelRuntime.Program program;
  private final Variables variables;
  private final Set<String> referenced;
  private final Map<String, Set<Object>> comparedLiterals;
  private final Limits limits;

  CelCondition(
      String expression,
      CelAbstractSyntaxTree ast,
      CelRuntime.Program program,
      Variables variables,
      Map<String, Set<Object>> comparedLiterals,
      Limits limits) {
    this.expression = expression;
    this.program = program;
    this.variables = variables;
    this.comparedLiterals = comparedLiterals;
    this.limits = limits;
    Set<String> names = new TreeSet<>();
    for (CelReference reference : ast.getReferenceMap().values()) {
      if (variables.isDeclared(reference.name())) {
        names.add(reference.name());
      }
    }
    this.referenced = Set.copyOf(names);
  }

  @Override
  public String expression() {
    return expression;
  }

  @Override
  public Map<String, Set<Object>> comparedLiterals() {
    return comparedLiterals;
  }

  @Override
  public Evaluation evaluate(ConditionInput input) {
    if (input == null) {
      return new Evaluation.Error("There is nothing to evaluate the condition against.");
    }
    try {
      return run(input);
    } catch (RuntimeException | StackOverflowError e) {
      return new Evaluation.Error(
          "The condition could not be evaluated: " + String.valueOf(e.getMessage()));
    }
  }

  private Evaluation run(ConditionInput input) {
    Map<String, Object> activation = new LinkedHashMap<>();
    try {
      for (String name : referenced) {
        Object raw = rawValue(name, input);
        if (raw != null) {
          CelType type = variables.all().get(name);
          activation.put(name, Values.toCel(name, type, raw, limits.maxListItems()));
        }
      }
    } catch (Values.WrongValue wrong) {
      return new Evaluation.Error(wrong.getMessage());
    }
    Instant now = input.now();
    CelLateFunctionBindings functions =
        CelLateFunctionBindings.from(
            CelFunctionBinding.from(
                Conditions.DAYS_SINCE_OVERLOAD,
                Instant.class,
                since -> ChronoUnit.DAYS.between(since, now)),
            CelFunctionBinding.from(
                Conditions.HOURS_SINCE_OVERLOAD,
                Instant.class,
                since -> ChronoUnit.HOURS.between(since, now)));
    StepBudget budget = new StepBudget(limits.maxSteps());
    Object result;
    try {
      result = program.trace(activation, functions, budget);
    } catch (CelEvaluationException e) {
      if (StepBudget.isExhausted(e)) {
        return new Evaluation.Stopped(
            "The condition was stopped because it needed more than "
                + limits.maxSteps()
                + " evaluation steps. Simplify it, e.g. avoid nested loops over lists.");
      }
      return failure(e, activation);
    }
    if (result instanceof Boolean value) {
      return new Evaluation.Value(value);
    }
    List<String> missing = missing(activation);
    if (!missing.isEmpty()) {
      return missingValues(missing);
    }
    return new Evaluation.Error(
        "The condition did not give true or false but " + describe(result) + ".");
  }

  private Evaluation failure(CelEvaluationException e, Map<String, Object> activation) {
    String message = String.valueOf(e.getMessage());
    List<String> missing = missing(activation);
    if (!missing.isEmpty()
        && (message.contains("No value with name")
            || message.contains("undeclared")
            || message.contains("Unknown"))) {
      return missingValues(missing);
    }
    String plain = message.replaceFirst("^evaluation error(?: at [^:]*:\\d+)?: ", "");
    if (plain.contains("Iteration budget exceeded")) {
      return new Evaluation.Stopped(
          "The condition was stopped because it looped over more than "
              + limits.maxIterations()
              + " items.");
    }
    return new Evaluation.Error("The condition could not be evaluated: " + plain);
  }

  private List<String> missing(Map<String, Object> activation) {
    return referenced.stream().filter(name -> !activation.containsKey(name)).toList();
  }

  private static Evaluation missingValues(List<String> missing) {
    return new Evaluation.Error(
        "The condition cannot be decided yet: "
            + (missing.size() == 1 ? "no value for " : "no values for ")
            + String.join(", ", missing.stream().map(n -> "`" + n + "`").toList())
            + ".");
  }

  private static String describe(Object result) {
    return result == null ? "nothing" : result.getClass().getSimpleName();
  }

  private static Object rawValue(String qualifiedName, ConditionInput input) {
    if (qualifiedName.equals(Variables.NOW)) {
      return input.now();
    }
    int dot = qualifiedName.indexOf('.');
    String prefix = qualifiedName.substring(0, dot);
    String name = qualifiedName.substring(dot + 1);
    Map<String, Object> values =
        switch (prefix) {
          case "case" -> input.caseValues();
          case "customer" -> input.customer();
          case "agent" -> input.agent();
          case "fields" -> input.fields();
          default -> Map.of();
        };
    if (values.containsKey(name)) {
      return values.get(name);
    }
    // customer.preferences.language: a map inside the customer's values.
    int inner = name.indexOf('.');
    if (inner > 0 && values.get(name.substring(0, inner)) instanceof Map<?, ?> nested) {
      return nested.get(name.substring(inner + 1));
    }
    return null;
  }

  @Override
  public String toString() {
    return "CompiledCondition[" + expression + "]";
  }
}
