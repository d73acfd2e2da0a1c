package io.servicebook.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionCostTests {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  /** A list literal 1..n. */
  private static String numbers(int n) {
    return IntStream.rangeClosed(1, n)
        .mapToObj(Integer::toString)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** The most tags a condition reads, so every loop over them turns as often as it can. */
  private static ConditionInput worstCase() {
    List<String> tags =
        IntStream.rangeClosed(1, Conditions.MAX_LIST_ITEMS).mapToObj(i -> "tag" + i).toList();
    return new ConditionInput(
        Map.of("category", "refund", "tags", tags), Map.of("tier", "vip"), Map.of(), Map.of(), NOW);
  }

  private static List<ConditionProblem> costProblems(Conditions conditions, String expression) {
    Compilation compilation = conditions.compile(expression);
    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    return ((Compilation.Compiled) compilation)
        .warnings().stream().filter(p -> p.kind() == ConditionProblem.Kind.TOO_COSTLY).toList();
  }

  private static CostBound.Estimate estimate(String expression) {
    var compiler =
        dev.cel.compiler.CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(
                dev.cel.common.CelOptions.current().enableHiddenAccumulatorVar(true).build())
            .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS);
    Variables variables = Variables.forFields(List.of());
    variables.all().forEach(compiler::addVar);
    try {
      return CostBound.of(
          compiler.build().compile(expression).getAst(),
          new SourceText(expression),
          variables,
          Limits.DEFAULT);
    } catch (dev.cel.common.CelValidationException e) {
      throw new AssertionError(e);
    }
  }

  private final Conditions conditions = Conditions.forFields(List.of());

  @Test
  void aPlainComparisonIsCheap() {
    assertThat(
            costProblems(
                conditions,
                "case.category == \"refund\" && customer.tier in [\"vip\", \"gold\"]"
                    + " && \"urgent\" in case.tags"))
        .isEmpty();
  }

  @Test
  void oneLoopOverTheTagsIsCheap() {
    assertThat(costProblems(conditions, "case.tags.exists(t, t.startsWith(\"vip-\"))")).isEmpty();
  }

  @Test
  void nestedLoopsThatCouldPassTheLimitAreReportedAtTheOuterLoop() {
    String expression =
        "case.category == \"refund\" &&\n  "
            + numbers(30)
            + ".exists(a, "
            + numbers(30)
            + ".exists(b, "
            + numbers(30)
            + ".exists(c, a + b + c == 100)))";

    assertThat(costProblems(conditions, expression))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(2);
              assertThat(problem.column()).isEqualTo(3);
              assertThat(problem.message())
                  .contains(
                      "loops over a list written in the condition (up to 30 items), and for each"
                          + " of them over a list written in the condition (up to 30 items), and"
                          + " for each of them over a list written in the condition (up to 30"
                          + " items)")
                  .contains("up to 27,930 loop turns for one case; at most 10,000 are allowed")
                  .contains("A loop inside a loop multiplies the work");
            });
  }

  @Test
  void aLoopOverTheTagsInsideALoopOverTheTagsIsBoundedByHowManyTagsACaseMayHave() {
    CostBound.Estimate estimate =
        estimate("case.tags.exists(a, case.tags.exists(b, a == b + \"-\"))");

    // 50 outer turns plus 50 inner turns for each of them
    assertThat(estimate.iterations()).isEqualTo(50 + 50 * 50);
    assertThat(estimate.heaviest())
        .extracting(CostBound.Loop::over)
        .containsExactly("`case.tags`", "`case.tags`");
  }

  @Test
  void aListMadeByMapIsAsLongAsTheListItCameFrom() {
    CostBound.Estimate estimate =
        estimate(numbers(20) + ".map(x, x * 2).filter(y, y > 3).exists(z, z == 7)");

    assertThat(estimate.iterations()).isEqualTo(20 + 20 + 20);
  }

  @Test
  void joinedListsAreAsLongAsBothTogether() {
    assertThat(estimate("(case.tags + [\"a\", \"b\"]).exists(t, t == \"c\")").iterations())
        .isEqualTo(52);
  }

  /**
   * The boundary: a condition whose bound is exactly the limit is accepted, and one turn or step
   * less in the limit refuses it; the accepted one is never stopped, even on the costliest input.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "case.tags.exists(a, case.tags.exists(b, a == b))",
        "case.tags.all(a, case.tags.filter(b, b != a).size() >= 0)",
        "case.tags.map(a, a + \"-\").exists_one(b, b == \"x\") || true",
        "[[1, 2, 3], [4, 5]].exists(l, l.exists(x, x == 9))",
        "{\"a\": [1, 2], \"b\": [3]}.exists(k, {\"a\": [1, 2], \"b\": [3]}[k].all(x, x > 0))",
        "case.tags.exists(t, t == \"x\") ? [1, 2].all(x, x > 0) : case.tags.size() > 3",
      })
  void aConditionWithinItsBoundIsNeverStopped(String expression) {
    CostBound.Estimate estimate = estimate(expression);
    Limits exact =
        new Limits((int) estimate.iterations(), estimate.steps(), Conditions.MAX_LIST_ITEMS);
    Conditions atTheBound = Conditions.forFields(List.of(), exact);

    assertThat(costProblems(atTheBound, expression)).isEmpty();
    Compilation compiled = atTheBound.compile(expression);
    assertThat(((Compilation.Compiled) compiled).condition().evaluate(worstCase()))
        .isInstanceOf(Evaluation.Value.class);

    Limits oneStepLess =
        new Limits((int) estimate.iterations(), estimate.steps() - 1, Conditions.MAX_LIST_ITEMS);
    assertThat(costProblems(Conditions.forFields(List.of(), oneStepLess), expression)).hasSize(1);
    if (estimate.iterations() > 1) {
      Limits oneTurnLess =
          new Limits((int) estimate.iterations() - 1, estimate.steps(), Conditions.MAX_LIST_ITEMS);
      assertThat(costProblems(Conditions.forFields(List.of(), oneTurnLess), expression))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("loop turns"));
    }
  }

  @Test
  void aListLongerThanConditionsReadIsNotEvaluated() {
    CompiledCondition condition =
        ((Compilation.Compiled) conditions.compile("\"urgent\" in case.tags")).condition();
    List<String> tooMany =
        IntStream.rangeClosed(0, Conditions.MAX_LIST_ITEMS).mapToObj(i -> "t" + i).toList();

    Evaluation evaluation =
        condition.evaluate(
            new ConditionInput(Map.of("tags", tooMany), Map.of(), Map.of(), Map.of(), NOW));

    assertThat(evaluation)
        .isEqualTo(
            new Evaluation.Error("`case.tags` has 51 items; conditions read lists of at most 50."));
  }

  @Test
  void theLoopsAccumulatorCannotBeNamed() {
    assertThat(conditions.compile("[1, 2].map(x, __result__).size() > 0"))
        .isInstanceOf(Compilation.Failed.class);
  }

  @Test
  void aConditionTooCostlyStillRunsAndSaysItWasStoppedWhenItIs() {
    String expression =
        numbers(30)
            + ".exists(a, "
            + numbers(30)
            + ".exists(b, "
            + numbers(30)
            + ".exists(c, a + b + c == 100)))";
    CompiledCondition condition =
        ((Compilation.Compiled) conditions.compile(expression)).condition();

    assertThat(condition.evaluate(worstCase()))
        .isInstanceOfSatisfying(
            Evaluation.Stopped.class,
            stopped -> assertThat(stopped.message()).contains("was stopped because"));
  }
}
