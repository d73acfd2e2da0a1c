package io.servicebook.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant NOW = Instant.parse("2024-03-10T12:00:00Z");

  private final Conditions conditions =
      Conditions.forFields(
          List.of(
              FieldDeclaration.of("order_number", ValueKind.TEXT),
              FieldDeclaration.of("purchase_date", ValueKind.DATE),
              FieldDeclaration.of("amount", ValueKind.NUMBER),
              FieldDeclaration.of("items", ValueKind.INTEGER),
              FieldDeclaration.of("gift", ValueKind.BOOLEAN),
              new FieldDeclaration("reason", ValueKind.TEXT, List.of("damaged", "late"))));

  private static ConditionInput input(Map<String, Object> caseValues, Map<String, Object> fields) {
    return new ConditionInput(
        caseValues,
        Map.of("tier", "gold", "lifetime_value", 1250.5, "case_count", 3),
        fields,
        Map.of("team", "returns"),
        NOW);
  }

  private CompiledCondition compiled(String expression) {
    Compilation compilation = conditions.compile(expression);
    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    return ((Compilation.Compiled) compilation).condition();
  }

  private List<ConditionProblem> problems(String expression) {
    Compilation compilation = conditions.compile(expression);
    assertThat(compilation).isInstanceOf(Compilation.Failed.class);
    return ((Compilation.Failed) compilation).problems();
  }

  private static boolean value(Evaluation evaluation) {
    assertThat(evaluation).isInstanceOf(Evaluation.Value.class);
    return ((Evaluation.Value) evaluation).result();
  }

  private static String stopped(Evaluation evaluation) {
    assertThat(evaluation).isInstanceOf(Evaluation.Stopped.class);
    return ((Evaluation.Stopped) evaluation).message();
  }

  private static String error(Evaluation evaluation) {
    assertThat(evaluation).isInstanceOf(Evaluation.Error.class);
    return ((Evaluation.Error) evaluation).message();
  }

  @Test
  void appliesWhenCaseCategoryIsInList() {
    CompiledCondition condition = compiled("case.category in [\"return\", \"refund\"]");

    assertThat(value(condition.evaluate(input(Map.of("category", "refund"), Map.of())))).isTrue();
    assertThat(value(condition.evaluate(input(Map.of("category", "billing"), Map.of())))).isFalse();
  }

  @Test
  void comparesCaseStatus() {
    CompiledCondition condition = compiled("case.status == \"waiting_on_customer\"");

    assertThat(value(condition.evaluate(input(Map.of("status", "waiting_on_customer"), Map.of()))))
        .isTrue();
  }

  @Test
  void usesCustomerAgentAndCaseTags() {
    CompiledCondition condition =
        compiled(
            "customer.tier == 'gold' && customer.lifetime_value > 1000 && customer.case_count < 5"
                + " && agent.team == 'returns' && case.tags.exists(t, t.startsWith('vip'))");

    assertThat(value(condition.evaluate(input(Map.of("tags", List.of("new", "vip-2")), Map.of()))))
        .isTrue();
  }

  @Test
  void daysSinceCountsWholeDaysUntilNow() {
    CompiledCondition condition = compiled("days_since(case.created_at) >= 3");

    assertThat(
            value(
                condition.evaluate(
                    input(Map.of("created_at", Instant.parse("2024-03-07T12:00:00Z")), Map.of()))))
        .isTrue();
    assertThat(
            value(
                condition.evaluate(
                    input(Map.of("created_at", Instant.parse("2024-03-07T12:00:01Z")), Map.of()))))
        .isFalse();
  }

  @Test
  void hoursSinceCountsWholeHoursUntilNow() {
    CompiledCondition condition = compiled("hours_since(case.created_at) == 5");

    assertThat(
            value(
                condition.evaluate(
                    input(Map.of("created_at", Instant.parse("2024-03-10T06:30:00Z")), Map.of()))))
        .isTrue();
  }

  @Test
  void dateFieldIsMidnightUtc() {
    CompiledCondition condition =
        compiled(
            "fields.purchase_date == timestamp('2024-02-01T00:00:00Z')"
                + " && days_since(fields.purchase_date) == 38");

    assertThat(
            value(
                condition.evaluate(
                    input(Map.of(), Map.of("purchase_date", LocalDate.of(2024, 2, 1))))))
        .isTrue();
  }

  @Test
  void convertsJavaNumbers() {
    CompiledCondition condition =
        compiled(
            "fields.amount > 99 && fields.items == 2 && fields.gift && now > timestamp('2024-01-01T00:00:00Z')");

    assertThat(
            value(
                condition.evaluate(
                    input(
                        Map.of(),
                        Map.of("amount", new BigDecimal("99.50"), "items", 2, "gift", true)))))
        .isTrue();
  }

  @Test
  void rejectsUnknownField() {
    List<ConditionProblem> problems =
        problems("case.channel == 'email' && fields.order_nr == 'A1'");

    assertThat(problems).hasSize(1);
    ConditionProblem problem = problems.get(0);
    assertThat(problem.message())
        .contains("`fields.order_nr` is not a declared field")
        .contains("Declared fields: order_number, purchase_date, amount, items, gift, reason.")
        .contains("Did you mean `order_number`?");
    assertThat(problem.line()).isEqualTo(1);
    assertThat(problem.column()).isEqualTo(28);
    assertThat(problem.warning()).isFalse();
  }

  @Test
  void rejectsUnknownCustomerValue() {
    List<ConditionProblem> problems = problems("customer.shoe_size > 42");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .startsWith("`customer.shoe_size` is not a customer value.")
                  .contains("lifetime_value");
              assertThat(p.column()).isEqualTo(1);
            });
  }

  @Test
  void rejectsUnknownVariableOnLaterLine() {
    List<ConditionProblem> problems =
        problems("case.category == 'return'\n  && prioritee == 'high'");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .startsWith("`prioritee` is not a known value.")
                  .contains("Known values: now, case.id");
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.column()).isEqualTo(6);
            });
  }

  @Test
  void rejectsUnknownFunction() {
    assertThat(problems("weeks_since(case.created_at) > 2"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).startsWith("`weeks_since` is not a known function.");
              assertThat(p.column()).isEqualTo(1);
            });
  }

  @Test
  void reportsSyntaxErrorPosition() {
    assertThat(problems("case.category ==\n"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).startsWith("The condition ends too early");
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.column()).isEqualTo(1);
            });
    assertThat(problems("(case.category == 'x'"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("`)` is missing here.");
              assertThat(p.column()).isEqualTo(22);
            });
  }

  @Test
  void explainsUnclosedQuote() {
    assertThat(problems("case.category == 'return"))
        .first()
        .satisfies(
            p -> {
              assertThat(p.message()).contains("not closed");
              assertThat(p.column()).isEqualTo(18);
            });
  }

  @Test
  void explainsSingleEquals() {
    assertThat(problems("case.category = 'return'"))
        .anySatisfy(p -> assertThat(p.message()).contains("`==`"));
  }

  @Test
  void rejectsNonBooleanResult() {
    assertThat(problems("case.category"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo(
                        "This condition gives text, but a condition must be true or false."));
    assertThat(problems("days_since(case.created_at)"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("gives a whole number"));
  }

  @Test
  void rejectsComparingTextWithNumber() {
    assertThat(problems("fields.amount == 'x'"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("`==` cannot be used with a number and text.");
              assertThat(p.column()).isEqualTo(15);
            });
  }

  @Test
  void rejectsEnumValueTheFieldDoesNotHave() {
    assertThat(problems("fields.reason == \"broken\""))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo(
                      "`fields.reason` never has the value \"broken\". Allowed values: damaged,"
                          + " late.");
              assertThat(p.column()).isEqualTo(18);
              assertThat(p.warning()).isFalse();
            });
    assertThat(problems("fields.reason in ['late', 'x']"))
        .singleElement()
        .satisfies(p -> assertThat(p.column()).isEqualTo(27));
    assertThat(conditions.compile("'late' == fields.reason || fields.reason in ['damaged']"))
        .isInstanceOf(Compilation.Compiled.class);
  }

  @Test
  void stopsRunawayExpression() {
    String list = "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]";
    CompiledCondition condition =
        compiled(
            list
                + ".map(a, "
                + list
                + ".map(b, "
                + list
                + ".map(c, "
                + list
                + ".map(d, a * b * c * d)))).size() > 0");

    assertThat(stopped(condition.evaluate(input(Map.of(), Map.of()))))
        .contains("stopped")
        .contains("evaluation steps");
  }

  @Test
  void stopsLongLoopAtIterationLimit() {
    Conditions strict = Conditions.forFields(List.of(), new Limits(3, 1_000_000));
    Compilation compilation = strict.compile("[1,2,3,4,5].exists(x, x == 5)");
    CompiledCondition condition = ((Compilation.Compiled) compilation).condition();

    assertThat(stopped(condition.evaluate(input(Map.of(), Map.of()))))
        .contains("more than 3 items");
  }

  @Test
  void missingValueIsAnError() {
    CompiledCondition condition = compiled("fields.order_number.startsWith('A')");

    assertThat(error(condition.evaluate(input(Map.of(), Map.of()))))
        .isEqualTo("The condition cannot be decided yet: no value for `fields.order_number`.");
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("order_number", null);
    assertThat(error(condition.evaluate(input(Map.of(), withNull))))
        .contains("`fields.order_number`");
  }

  @Test
  void missingValueIsFineWhenNotNeeded() {
    CompiledCondition condition =
        compiled("case.category == 'return' || fields.order_number == 'A1'");

    assertThat(value(condition.evaluate(input(Map.of("category", "return"), Map.of())))).isTrue();
  }

  @Test
  void wrongJavaValueIsAnError() {
    CompiledCondition condition = compiled("fields.items > 1");

    assertThat(error(condition.evaluate(input(Map.of(), Map.of("items", "two")))))
        .contains("`fields.items` should be a whole number");
  }

  @Test
  void runtimeErrorIsAnError() {
    CompiledCondition condition = compiled("fields.items / 0 == 1");

    assertThat(error(condition.evaluate(input(Map.of(), Map.of("items", 4)))))
        .startsWith("The condition could not be evaluated: ");
  }

  @Test
  void reportsComparedLiterals() {
    CompiledCondition condition =
        compiled(
            "case.category in ['return', 'refund'] && case.channel != 'phone'"
                + " && 'vip' in case.tags && fields.amount > 100 && case.priority == case.status");

    assertThat(condition.comparedLiterals())
        .containsOnlyKeys("case.category", "case.channel", "case.tags", "fields.amount");
    assertThat(condition.comparedLiterals().get("case.category"))
        .containsExactly("return", "refund");
    assertThat(condition.comparedLiterals().get("case.channel")).isEqualTo(Set.of("phone"));
    assertThat(condition.comparedLiterals().get("case.tags")).isEqualTo(Set.of("vip"));
    assertThat(condition.comparedLiterals().get("fields.amount")).isEqualTo(Set.of(100L));
    assertThat(condition.expression()).startsWith("case.category in");
  }

  @Test
  void rejectsEmptyAndHugeExpressions() {
    assertThat(conditions.compile(null)).isInstanceOf(Compilation.Failed.class);
    assertThat(conditions.compile("  ")).isInstanceOf(Compilation.Failed.class);
    assertThat(problems("true && ".repeat(5_000) + "true"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("too long"));
    assertThat(conditions.compile("(".repeat(5_000))).isInstanceOf(Compilation.Failed.class);
  }

  @Test
  void rejectsDuplicateFieldDeclarations() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Conditions.forFields(
                    List.of(
                        FieldDeclaration.of("a", ValueKind.TEXT),
                        FieldDeclaration.of("a", ValueKind.NUMBER))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void evaluatesConcurrentlyWithEachInputsOwnNow() throws Exception {
    CompiledCondition condition = compiled("days_since(case.created_at) == fields.items");
    Instant created = Instant.parse("2024-01-01T00:00:00Z");
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int day = 0; day < 200; day++) {
        int days = day;
        results.add(
            pool.submit(
                () ->
                    value(
                        condition.evaluate(
                            new ConditionInput(
                                Map.of("created_at", created),
                                Map.of(),
                                Map.of("items", days),
                                Map.of(),
                                created.plus(java.time.Duration.ofDays(days)))))));
      }
      for (var result : results) {
        assertThat(result.get()).isTrue();
      }
    }
  }
}
