package io.servicebook.condition;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The most a condition can cost when it runs, worked out from its text before it ever runs: the
 * expression nodes evaluated (what {@link StepBudget} counts) and the loop turns (what CEL's
 * iteration limit counts), for any input the engine lets through ({@link Values} refuses lists of
 * more than {@link Limits#maxListItems()} items). A condition within both limits here can never be
 * stopped at run time, so a condition that is not is refused when its protocol is read, instead of
 * failing quietly on some case later.
 *
 * <p>The bound follows CEL's interpreter: every node it evaluates is reported once to the listener,
 * a comprehension (the loop macros {@code all, exists, exists_one, map, filter}) evaluates its
 * range, its start value and its result once and its condition and step once per item. Short
 * circuits are ignored, so the bound may be larger than any real run, never smaller.
 */
final class CostBound {

  /**
   * An upper bound on how many items a value has (0 for a plain value) and on each item's own
   * extent (an item of a list of lists is itself a list); for a map, its entries and its values.
   */
  record Extent(long items, Extent element) {
    static final Extent SCALAR = new Extent(0, null);

    /** A value of unknown size: iterating it can cost anything. */
    static final Extent UNBOUNDED = new Extent(Long.MAX_VALUE, null);

    /** The extent of one item; an unbounded value's items are unbounded too. */
    Extent item() {
      if (element != null) {
        return element;
      }
      return unbounded() ? UNBOUNDED : SCALAR;
    }

    boolean unbounded() {
      return items == Long.MAX_VALUE;
    }

    static Extent list(long items, Extent element) {
      return items == Long.MAX_VALUE ? UNBOUNDED : new Extent(items, element);
    }

    static Extent max(Extent a, Extent b) {
      if (a.unbounded() || b.unbounded()) {
        return UNBOUNDED;
      }
      if (a.element == null && b.element == null) {
        return a.items >= b.items ? a : b;
      }
      return list(Math.max(a.items, b.items), max(a.item(), b.item()));
    }

    /** The extent of {@code a + b}: two lists joined (for numbers and text, still plain). */
    static Extent join(Extent a, Extent b) {
      if (a.unbounded() || b.unbounded()) {
        return UNBOUNDED;
      }
      if (a.items == 0 && b.items == 0 && a.element == null && b.element == null) {
        return SCALAR;
      }
      return list(plus(a.items, b.items), max(a.item(), b.item()));
    }
  }

  /** One loop of the condition: where it starts, what it goes over, and at most how many items. */
  record Loop(int offset, String over, long items) {}

  /**
   * The bound of a condition.
   *
   * @param steps at most this many evaluated nodes
   * @param iterations at most this many loop turns, all loops together
   * @param heaviest the nested loops, outermost first, that turn most often together
   */
  record Estimate(long steps, long iterations, List<Loop> heaviest) {
    Estimate {
      heaviest = List.copyOf(heaviest);
    }

    boolean within(Limits limits) {
      return steps <= limits.maxSteps() && iterations <= limits.maxIterations();
    }
  }

  /** What evaluating one node costs and gives. */
  private record Cost(long steps, long iterations, Extent extent) {}

  private final CelAbstractSyntaxTree ast;
  private final SourceText text;
  private final Variables variables;
  private final Limits limits;
  private final Map<String, Extent> scope = new HashMap<>();
  private final List<Loop> enclosing = new ArrayList<>();
  private List<Loop> heaviest = List.of();
  private long heaviestTurns = -1;

  private CostBound(
      CelAbstractSyntaxTree ast, SourceText text, Variables variables, Limits limits) {
    this.ast = ast;
    this.text = text;
    this.variables = variables;
    this.limits = limits;
  }

  static Estimate of(
      CelAbstractSyntaxTree ast, SourceText text, Variables variables, Limits limits) {
    CostBound bound = new CostBound(ast, text, variables, limits);
    Cost cost = bound.cost(ast.getExpr());
    return new Estimate(cost.steps(), cost.iterations(), bound.heaviest);
  }

  private Cost cost(CelExpr expr) {
    return switch (expr.getKind()) {
      case CONSTANT -> new Cost(1, 0, Extent.SCALAR);
      case IDENT -> new Cost(1, 0, identifier(expr));
      case SELECT -> select(expr);
      case CALL -> call(expr);
      case LIST -> list(expr);
      case MAP -> map(expr);
      case STRUCT -> struct(expr);
      case COMPREHENSION -> comprehension(expr);
      default -> new Cost(1, 0, Extent.UNBOUNDED);
    };
  }

  private Extent identifier(CelExpr expr) {
    Extent bound = scope.get(expr.ident().name());
    if (bound != null) {
      return bound;
    }
    return declared(expr).orElse(Extent.UNBOUNDED);
  }

  /** The extent of a declared variable the node refers to, if it refers to one. */
  private Optional<Extent> declared(CelExpr expr) {
    return ast.getReference(expr.id())
        .map(CelReference::name)
        .filter(variables::isDeclared)
        .map(name -> isList(variables.all().get(name)) ? listInput() : Extent.SCALAR);
  }

  private Extent listInput() {
    return new Extent(limits.maxListItems(), Extent.SCALAR);
  }

  private static boolean isList(CelType type) {
    return type.kind() == CelKind.LIST;
  }

  private Cost select(CelExpr expr) {
    Optional<Extent> variable = declared(expr);
    Cost operand = cost(expr.select().operand());
    Extent extent;
    if (variable.isPresent()) {
      extent = variable.get();
    } else if (expr.select().testOnly()) {
      extent = Extent.SCALAR;
    } else {
      extent = operand.extent().item();
    }
    return new Cost(plus(1, operand.steps()), operand.iterations(), extent);
  }

  private Cost call(CelExpr expr) {
    CelExpr.CelCall call = expr.call();
    List<CelExpr> parts = new ArrayList<>();
    call.target().ifPresent(parts::add);
    parts.addAll(call.args());
    long steps = 1;
    long iterations = 0;
    List<Extent> extents = new ArrayList<>();
    for (CelExpr part : parts) {
      Cost cost = cost(part);
      steps = plus(steps, cost.steps());
      iterations = plus(iterations, cost.iterations());
      extents.add(cost.extent());
    }
    return new Cost(steps, iterations, callExtent(expr, call.function(), extents));
  }

  private Extent callExtent(CelExpr expr, String function, List<Extent> args) {
    if (function.equals("_+_") && args.size() == 2) {
      return Extent.join(args.get(0), args.get(1));
    }
    if (function.equals("_?_:_") && args.size() == 3) {
      return Extent.max(args.get(1), args.get(2));
    }
    if (function.equals("_[_]") && args.size() == 2) {
      return args.get(0).item();
    }
    if (function.equals("dyn") && args.size() == 1) {
      return args.get(0);
    }
    // Every other standard function gives a plain value; anything else is not bounded.
    return ast.getType(expr.id()).filter(CostBound::isPlain).isPresent()
        ? Extent.SCALAR
        : Extent.UNBOUNDED;
  }

  private static boolean isPlain(CelType type) {
    return switch (type.kind()) {
      case BOOL, INT, UINT, DOUBLE, STRING, BYTES, TIMESTAMP, DURATION, NULL_TYPE, TYPE -> true;
      default -> false;
    };
  }

  private Cost list(CelExpr expr) {
    long steps = 1;
    long iterations = 0;
    Extent element = Extent.SCALAR;
    for (CelExpr item : expr.list().elements()) {
      Cost cost = cost(item);
      steps = plus(steps, cost.steps());
      iterations = plus(iterations, cost.iterations());
      element = Extent.max(element, cost.extent());
    }
    return new Cost(steps, iterations, Extent.list(expr.list().elements().size(), element));
  }

  private Cost map(CelExpr expr) {
    long steps = 1;
    long iterations = 0;
    Extent value = Extent.SCALAR;
    for (CelExpr.CelMap.Entry entry : expr.map().entries()) {
      Cost key = cost(entry.key());
      Cost cost = cost(entry.value());
      steps = plus(steps, plus(key.steps(), cost.steps()));
      iterations = plus(iterations, plus(key.iterations(), cost.iterations()));
      value = Extent.max(value, cost.extent());
    }
    return new Cost(steps, iterations, Extent.list(expr.map().entries().size(), value));
  }

  private Cost struct(CelExpr expr) {
    long steps = 1;
    long iterations = 0;
    for (CelExpr.CelStruct.Entry entry : expr.struct().entries()) {
      Cost cost = cost(entry.value());
      steps = plus(steps, cost.steps());
      iterations = plus(iterations, cost.iterations());
    }
    return new Cost(steps, iterations, Extent.UNBOUNDED);
  }

  /**
   * A loop macro. Its accumulator starts at {@code accuInit}, and each turn's step keeps it or adds
   * to it what one step adds (one item for map and filter; a truth value or a count for the
   * others), so after n turns it holds at most n times that. Conditions cannot name the accumulator
   * (it is hidden, see {@link Conditions}), so no step costs more because the accumulator grew.
   */
  private Cost comprehension(CelExpr expr) {
    CelExpr.CelComprehension loop = expr.comprehension();
    Cost range = cost(loop.iterRange());
    Cost init = cost(loop.accuInit());
    long turns = range.extent().items();
    Extent item = Extent.max(range.extent().item(), Extent.SCALAR);

    enclosing.add(new Loop(startOf(loop.iterRange()), describe(loop.iterRange()), turns));
    long nested = 1;
    for (Loop outer : enclosing) {
      nested = times(nested, outer.items());
    }
    if (nested > heaviestTurns) {
      heaviestTurns = nested;
      heaviest = List.copyOf(enclosing);
    }
    Map<String, Extent> saved = new HashMap<>(scope);
    Cost condition;
    Cost step;
    Cost result;
    try {
      scope.put(loop.iterVar(), item);
      if (loop.iterVar2() != null && !loop.iterVar2().isEmpty()) {
        scope.put(loop.iterVar2(), item);
      }
      scope.put(loop.accuVar(), init.extent());
      condition = cost(loop.loopCondition());
      step = cost(loop.loopStep());
      enclosing.remove(enclosing.size() - 1);
      scope.clear();
      scope.putAll(saved);
      scope.put(loop.accuVar(), accumulated(init.extent(), step.extent(), turns));
      result = cost(loop.result());
    } finally {
      scope.clear();
      scope.putAll(saved);
    }
    long perTurn = plus(condition.steps(), step.steps());
    long steps = plus(1, plus(range.steps(), plus(init.steps(), result.steps())));
    steps = plus(steps, times(turns, perTurn));
    long iterations = plus(range.iterations(), plus(init.iterations(), result.iterations()));
    iterations =
        plus(
            iterations, plus(turns, times(turns, plus(condition.iterations(), step.iterations()))));
    return new Cost(steps, iterations, result.extent());
  }

  private static Extent accumulated(Extent start, Extent afterOneStep, long turns) {
    if (start.unbounded() || afterOneStep.unbounded()) {
      return Extent.UNBOUNDED;
    }
    if (afterOneStep.items() == 0 && start.items() == 0) {
      return Extent.max(start, afterOneStep);
    }
    long growth = Math.max(0, afterOneStep.items() - start.items());
    return Extent.list(
        plus(start.items(), times(turns, growth)), Extent.max(start.item(), afterOneStep.item()));
  }

  /** The first character of an expression as written (the earliest position in its subtree). */
  private int startOf(CelExpr expr) {
    Map<Long, Integer> positions = ast.getSource().getPositionsMap();
    int[] first = {Integer.MAX_VALUE};
    visit(
        expr,
        e -> {
          Integer at = positions.get(e.id());
          if (at != null && at >= 0) {
            first[0] = Math.min(first[0], qualifiedStart(e, at));
          }
        });
    return first[0] == Integer.MAX_VALUE ? 0 : first[0];
  }

  /**
   * Where a node starts: the checker turns {@code case.tags} into one node placed at its dot, so a
   * reference to a dotted variable starts at the identifier before the dot.
   */
  private int qualifiedStart(CelExpr expr, int at) {
    boolean dotted =
        ast.getReference(expr.id())
            .map(CelReference::name)
            .filter(name -> name.contains(".") && variables.isDeclared(name))
            .isPresent();
    if (!dotted || text.at(at) != '.') {
      return at;
    }
    int start = at - 1;
    while (start >= 0 && Character.isWhitespace(text.at(start))) {
      start--;
    }
    while (start >= 0 && SourceText.isIdentifierPart(text.at(start))) {
      start--;
    }
    return start + 1;
  }

  private static void visit(CelExpr expr, java.util.function.Consumer<CelExpr> action) {
    action.accept(expr);
    switch (expr.getKind()) {
      case SELECT -> visit(expr.select().operand(), action);
      case CALL -> {
        expr.call().target().ifPresent(t -> visit(t, action));
        expr.call().args().forEach(a -> visit(a, action));
      }
      case LIST -> expr.list().elements().forEach(e -> visit(e, action));
      case MAP ->
          expr.map()
              .entries()
              .forEach(
                  e -> {
                    visit(e.key(), action);
                    visit(e.value(), action);
                  });
      case STRUCT -> expr.struct().entries().forEach(e -> visit(e.value(), action));
      case COMPREHENSION -> visit(expr.comprehension().iterRange(), action);
      default -> {}
    }
  }

  /** What a loop goes over, in words: a variable's name, or the kind of list. */
  private String describe(CelExpr range) {
    Optional<String> variable =
        ast.getReference(range.id()).map(CelReference::name).filter(variables::isDeclared);
    if (variable.isPresent()) {
      return "`" + variable.get() + "`";
    }
    return switch (range.getKind()) {
      case LIST -> "a list written in the condition";
      case MAP -> "a map written in the condition";
      case COMPREHENSION -> "the list another loop makes";
      case IDENT -> "`" + range.ident().name() + "`";
      default -> "a list";
    };
  }

  static long plus(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 || a == Long.MAX_VALUE || b == Long.MAX_VALUE
        ? Long.MAX_VALUE
        : sum;
  }

  static long times(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    long high = Math.multiplyHigh(a, b);
    long product = a * b;
    return high != 0 || product < 0 || a == Long.MAX_VALUE || b == Long.MAX_VALUE
        ? Long.MAX_VALUE
        : product;
  }
}
