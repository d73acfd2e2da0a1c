package io.servicebook.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.runs.Deviation;
import io.servicebook.runs.StepOutcome;
import io.servicebook.runs.StepVisit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunStateUnitTests {

  private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");

  private static Map<String, Object> everyType() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("order_number", "ORD-123456");
    fields.put("refund_amount", new BigDecimal("49.90"));
    fields.put("items", 3L);
    fields.put("damage_photo_received", Boolean.TRUE);
    fields.put("purchase_date", LocalDate.parse("2026-01-15"));
    fields.put("called_at", T0);
    return fields;
  }

  @Test
  void capturedValuesKeepTheirTypeThroughJson() {
    Map<String, Object> fields = everyType();
    assertThat(RunState.fields(RunState.fields(fields))).isEqualTo(fields);
  }

  @Test
  void theStepLogWithDeviationsReadsBackEqual() {
    StepVisit left =
        new StepVisit(
            "photo",
            "agent-7",
            T0,
            Optional.of("agent-7"),
            Optional.of(T0.plusSeconds(60)),
            Optional.of(StepOutcome.SKIPPED),
            everyType(),
            List.of(new Deviation(Deviation.Kind.SKIPPED, "photo", "obvious", "agent-7", T0)));
    StepVisit open =
        new StepVisit(
            "eligibility",
            "agent-7",
            T0.plusSeconds(60),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            List.of());
    List<StepVisit> log = List.of(left, open);
    assertThat(RunState.log(RunState.log(log))).isEqualTo(log);
  }

  @Test
  void thePathReadsBackInOrder() {
    List<String> path = List.of("greet", "gather", "photo");
    assertThat(RunState.path(RunState.path(path))).containsExactlyElementsOf(path);
  }
}
