package io.servicebook.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.pack.PackReader;
import io.servicebook.pack.ProtocolPack;
import io.servicebook.protocol.Field;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import io.servicebook.runs.RunEngine;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What demo agents type: a value for every field of the starter pack that its check accepts, of the
 * shape its pattern asks for, the customer's own address, dates around the case's.
 */
class DemoValuesUnitTests {

  private static final Path STARTER_PACK = Path.of("..", "protocols").toAbsolutePath().normalize();

  private static final DemoValues.Customer CHLOE =
      new DemoValues.Customer(
          "Chloé", "Dubois", "chloe.dubois+7@example.com", "+49 30 55500007", "fr");

  private static final Instant AT = Instant.parse("2026-11-20T10:15:00Z");

  @Test
  void everyRequiredFieldOfTheStarterPackGetsAValueItsCheckAccepts() {
    ProtocolPack pack = PackReader.read(List.of(STARTER_PACK), Set.of());
    Random random = new Random(7);
    int values = 0;
    for (Protocol protocol : pack.protocols()) {
      for (Step step : protocol.steps()) {
        for (int round = 0; round < 20; round++) {
          Map<String, Object> typed = DemoValues.forStep(protocol, step, CHLOE, AT, random);
          for (String name : step.capture()) {
            Field field = protocol.fields().get(name);
            if (field != null && field.required()) {
              assertThat(typed).as("%s of %s", name, protocol.slug()).containsKey(name);
            }
          }
          typed.forEach(
              (name, value) ->
                  assertThat(RunEngine.checkValue(protocol, name, DemoValues.text(value)))
                      .as("%s = %s in %s", name, value, protocol.slug())
                      .isEmpty());
          values += typed.size();
        }
      }
    }
    assertThat(values).isGreaterThan(500);
  }

  @Test
  void aPatternGivesTextOfItsShape() {
    Random random = new Random(3);
    for (String pattern :
        List.of(
            "^INV-[0-9]{6,10}$",
            "^[A-Z0-9-]{6,20}$",
            "^BUG-[0-9]{3,7}$",
            "^@?[A-Za-z0-9_.]{1,30}$",
            "^[\\p{L} .'-]{1,40}$",
            "^https?://\\S+$",
            "^\\d+x\\d*$")) {
      for (int i = 0; i < 50; i++) {
        String sample = DemoPatterns.sample(pattern, random).orElseThrow();
        assertThat(Pattern.compile(pattern).matcher(sample).find())
            .as(pattern + ": " + sample)
            .isTrue();
      }
    }
  }

  @Test
  void aPatternWithGroupsOrAlternativesGivesNothing() {
    Random random = new Random(3);

    assertThat(DemoPatterns.sample("^(INV|CRN)-[0-9]{6}$", random)).isEmpty();
    assertThat(DemoPatterns.sample("^[^@]+@x$", random)).isEmpty();
  }

  @Test
  void theOrderNumberLooksLikeOneAndDatesLieAroundTheCase() {
    ProtocolPack pack = PackReader.read(List.of(STARTER_PACK), Set.of());
    Protocol refund =
        pack.protocols().stream()
            .filter(p -> p.slug().equals("return-and-refund"))
            .findFirst()
            .orElseThrow();
    Step gather = refund.step("gather").orElseThrow();

    Map<String, Object> typed = DemoValues.forStep(refund, gather, CHLOE, AT, new Random(1));

    assertThat((String) typed.get("order_number")).matches("ORD-\\d{6}");
    assertThat((LocalDate) typed.get("purchase_date"))
        .isBetween(LocalDate.parse("2026-10-10"), LocalDate.parse("2026-11-19"));
    assertThat(refund.fields().get("reason").values()).contains((String) typed.get("reason"));
  }
}
