package io.servicebook.condition;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the cost bound against CEL's interpreter: a condition that compiles without a cost problem
 * is never stopped at run time, on an input with the longest lists allowed. Small limits (50 loop
 * turns, 500 steps, lists of 5) put the boundary where short fuzzed conditions reach it. In the
 * build the inputs under {@code ConditionCostFuzzTestsInputs/} are replayed; {@code bench/fuzz.sh}
 * fuzzes for real.
 */
class ConditionCostFuzzTests {

  private static final Limits SMALL = new Limits(50, 500, 5);
  private static final Conditions CONDITIONS =
      Conditions.forFields(List.of(FieldDeclaration.of("amount", ValueKind.NUMBER)), SMALL);
  private static final ConditionInput LONGEST_LISTS =
      new ConditionInput(
          Map.of("category", "refund", "tags", List.of("a", "b", "c", "d", "e")),
          Map.of("tier", "vip", "case_count", 3),
          Map.of("amount", 20.5),
          Map.of(),
          Instant.parse("2026-03-02T10:00:00Z"));

  @FuzzTest(maxDuration = "60s")
  void aConditionWithinItsBoundIsNeverStopped(byte[] input) {
    String expression = new String(input, 0, Math.min(input.length, 400), StandardCharsets.UTF_8);

    Compilation compilation = CONDITIONS.compile(expression);

    if (compilation instanceof Compilation.Compiled compiled
        && compiled.warnings().stream()
            .noneMatch(p -> p.kind() == ConditionProblem.Kind.TOO_COSTLY)) {
      assertThat(compiled.condition().evaluate(LONGEST_LISTS))
          .as(expression)
          .isNotInstanceOf(Evaluation.Stopped.class);
    }
  }
}
