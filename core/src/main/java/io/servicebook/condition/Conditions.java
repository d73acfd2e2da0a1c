package io.servicebook.condition;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;
import java.util.Objects;

/**
 * Compiles the conditions of one protocol, against the built-in variables ({@code case.*}, {@code
 * customer.*}, {@code agent.*}, {@code now}) and the protocol's declared fields ({@code fields.*}).
 * Thread-safe and reusable.
 */
public final class Conditions {

  static final String DAYS_SINCE_OVERLOAD = "days_since_timestamp";
  static final String HOURS_SINCE_OVERLOAD = "hours_since_timestamp";

  /** Longest expression accepted, in code points. */
  static final int MAX_LENGTH = 10_000;

  /**
   * The most items a list that conditions read ({@code case.tags}) may have: a longer list is not
   * evaluated, so that what a condition costs has a bound that is known when it is read.
   */
  public static final int MAX_LIST_ITEMS = 50;

  /**
   * Runtimes depend only on the limits, not on the declared fields, and take far longer to build
   * than a compiler; one per limits serves every protocol (a runtime is immutable and thread-safe).
   */
  private static final java.util.Map<Limits, CelRuntime> RUNTIMES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final List<FieldDeclaration> fields;
  private final Variables variables;
  private final Messages messages;
  private final Limits limits;
  private final CelCompiler compiler;
  private final CelRuntime runtime;

  private Conditions(List<FieldDeclaration> fields, Limits limits) {
    this.fields = fields;
    this.variables = Variables.forFields(fields);
    this.messages = new Messages(variables);
    this.limits = limits;
    CelOptions options =
        CelOptions.current()
            .maxExpressionCodePointSize(MAX_LENGTH)
            .comprehensionMaxIterations(limits.maxIterations())
            // the loop macros' accumulator cannot be named in a condition (`__result__` could):
            // a step that copies the growing accumulator would cost memory beyond any limit
            .enableHiddenAccumulatorVar(true)
            // `fields.amount > 100` compares a double with an int literal.
            .enableHeterogeneousNumericComparisons(true)
            .build();
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addFunctionDeclarations(
                CelFunctionDecl.newFunctionDeclaration(
                    "days_since",
                    CelOverloadDecl.newGlobalOverload(
                        DAYS_SINCE_OVERLOAD,
                        "Whole days from the timestamp until now.",
                        SimpleType.INT,
                        SimpleType.TIMESTAMP)),
                CelFunctionDecl.newFunctionDeclaration(
                    "hours_since",
                    CelOverloadDecl.newGlobalOverload(
                        HOURS_SINCE_OVERLOAD,
                        "Whole hours from the timestamp until now.",
                        SimpleType.INT,
                        SimpleType.TIMESTAMP)));
    variables.all().forEach(builder::addVar);
    this.compiler = builder.build();
    // days_since/hours_since are bound per evaluation (late-bound), as they depend on input.now().
    this.runtime =
        RUNTIMES.computeIfAbsent(
            limits, l -> CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).build());
  }

  /**
   * A compiler for a protocol with these declared fields.
   *
   * @throws IllegalArgumentException if two fields have the same name
   */
  public static Conditions forFields(List<FieldDeclaration> fields) {
    Objects.requireNonNull(fields, "fields");
    return new Conditions(List.copyOf(fields), Limits.DEFAULT);
  }

  static Conditions forFields(List<FieldDeclaration> fields, Limits limits) {
    return new Conditions(List.copyOf(fields), limits);
  }

  /** Parses and type-checks a condition. Never throws. */
  public Compilation compile(String expression) {
    if (expression == null || expression.isBlank()) {
      return failed(
          "The condition is empty. Write something that is true or false, e.g."
              + " case.category == \"return\".");
    }
    try {
      return CompilationCache.get(
          new CompilationCache.Key(fields, limits, expression), key -> compileSafely(expression));
    } catch (RuntimeException | StackOverflowError e) {
      return failed("This condition cannot be read: " + e.getClass().getSimpleName() + ".");
    }
  }

  private Compilation compileSafely(String expression) {
    try {
      return compileChecked(expression);
    } catch (Exception | StackOverflowError e) {
      return failed("This condition cannot be read: " + e.getClass().getSimpleName() + ".");
    }
  }

  private Compilation compileChecked(String expression) throws Exception {
    SourceText text = new SourceText(expression);
    if (text.length() > MAX_LENGTH) {
      return failed(
          "This condition is too long ("
              + text.length()
              + " characters; at most "
              + MAX_LENGTH
              + ").");
    }
    CelValidationResult result = compiler.compile(expression);
    if (result.hasError()) {
      return new Compilation.Failed(messages.translate(result.getErrors(), text));
    }
    CelAbstractSyntaxTree ast = result.getAst();
    CelType type = ast.getResultType();
    if (type.kind() != CelKind.BOOL && type.kind() != CelKind.DYN) {
      return failed(
          "This condition gives "
              + Messages.describe(type)
              + ", but a condition must be true or false.");
    }
    LiteralScan scan = LiteralScan.scan(ast, variables, text);
    if (!scan.problems().isEmpty()) {
      return new Compilation.Failed(scan.problems());
    }
    CelRuntime.Program program = runtime.createProgram(ast);
    CompiledCondition condition =
        new CelCondition(expression, ast, program, variables, scan.literals(), limits);
    CostBound.Estimate cost = CostBound.of(ast, text, variables, limits);
    if (cost.within(limits)) {
      return new Compilation.Compiled(condition, List.of());
    }
    int offset = cost.heaviest().isEmpty() ? 0 : cost.heaviest().get(0).offset();
    int[] position = text.lineAndColumn(offset);
    return new Compilation.Compiled(
        condition,
        List.of(
            new ConditionProblem(
                position[0],
                position[1],
                CostExplanation.of(cost, limits),
                ConditionProblem.Kind.TOO_COSTLY)));
  }

  private static Compilation failed(String message) {
    return new Compilation.Failed(List.of(new ConditionProblem(1, 1, message, false)));
  }
}
