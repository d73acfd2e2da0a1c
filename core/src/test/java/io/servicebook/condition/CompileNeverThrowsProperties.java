package io.servicebook.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CompileNeverThrowsProperties {

  private final Conditions conditions =
      Conditions.forFields(
          List.of(
              FieldDeclaration.of("amount", ValueKind.NUMBER),
              new FieldDeclaration("reason", ValueKind.TEXT, List.of("damaged", "late"))));

  @Property(tries = 500)
  void compileNeverThrowsForArbitraryStrings(@ForAll String expression) {
    assertThat(conditions.compile(expression)).isNotNull();
  }

  @Property(tries = 500)
  void compileNeverThrowsForConditionLikeStrings(@ForAll("conditionLike") String expression) {
    Compilation compilation = conditions.compile(expression);

    assertThat(compilation).isNotNull();
    if (compilation instanceof Compilation.Failed failed) {
      assertThat(failed.problems())
          .allSatisfy(
              p -> {
                assertThat(p.line()).isPositive();
                assertThat(p.column()).isPositive();
                assertThat(p.message()).isNotBlank();
              });
    } else if (compilation instanceof Compilation.Compiled compiled) {
      Evaluation evaluation =
          compiled
              .condition()
              .evaluate(
                  new ConditionInput(
                      Map.of("category", "return"),
                      Map.of(),
                      Map.of("amount", 3.0),
                      Map.of(),
                      Instant.EPOCH));
      assertThat(evaluation).isNotNull();
    }
  }

  @Provide
  Arbitrary<String> conditionLike() {
    return Arbitraries.of(
            "case.category",
            "fields.amount",
            "fields.reason",
            "customer.tier",
            "now",
            "days_since(",
            "==",
            "!=",
            " in ",
            "[",
            "]",
            "(",
            ")",
            "'",
            "\"",
            "'late'",
            "1",
            "2.5",
            " && ",
            " || ",
            "!",
            ".",
            ",",
            "\n",
            "exists(x, ",
            "size(",
            "\\",
            "?",
            ":")
        .list()
        .ofMaxSize(12)
        .map(parts -> String.join("", parts));
  }
}
