package io.servicebook.runs;

import static io.servicebook.runs.RunFixtures.T0;
import static io.servicebook.runs.RunFixtures.accepted;
import static io.servicebook.runs.RunFixtures.facts;
import static io.servicebook.runs.RunFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each field type accepts what it should, stores it typed, and refuses the rest in plain words. */
class FieldCaptureTests {

  private static final RunEngine ENGINE = RunEngine.create();
  private static final Run RUN =
      RunFixtures.started(ENGINE, RunFixtures.protocol(RunFixtures.EVERY_FIELD));

  private static RunOutcome submit(String field, String value) {
    Map<String, String> captured = new HashMap<>();
    captured.put("ref", "ABC-123");
    captured.put("refund", "10"); // the step's notify condition reads it
    captured.put(field, value);
    return ENGINE.submit(
        RUN, facts(), Submission.of("capture", captured, "agent-7", T0.plusSeconds(60)));
  }

  private static Object stored(String field, String value) {
    return accepted(submit(field, value)).run().fields().get(field);
  }

  private static String problem(String field, String value) {
    RunOutcome.Refused refused = refused(submit(field, value));
    assertThat(refused.reasons()).singleElement().isInstanceOf(Refusal.InvalidValue.class);
    assertThat(refused.run()).isSameAs(RUN);
    return refused.reasons().get(0).message();
  }

  @ParameterizedTest
  @CsvSource({"ref, XYZ-987", "ref, ' ABC-001 '"})
  void aStringMatchingItsPatternIsKept(String field, String value) {
    assertThat(stored(field, value)).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource({"abc-123", "ABC123", "ABCD-1234"})
  void aStringNotMatchingItsPatternIsRefusedShowingThePattern(String value) {
    assertThat(problem("ref", value))
        .startsWith("ref: “" + value + "”")
        .contains("does not have the expected form")
        .contains("^[A-Z]{3}-[0-9]{3}$");
  }

  @ParameterizedTest
  @CsvSource({
    "hello, true",
    "exactly twenty chars, true",
    "four, false",
    "twenty-one characters, false"
  })
  void aTextIsKeptWithinItsLengthBounds(String value, boolean ok) {
    if (ok) {
      assertThat(stored("notes", value)).isEqualTo(value);
    } else {
      assertThat(problem("notes", value)).contains("accepted: a length from 5 to 20 characters");
    }
  }

  @ParameterizedTest
  @CsvSource({"12.5, 12.5", "0, 0", "50, 50", "-0.0, 0.0"})
  void aNumberIsStoredAsADecimal(String value, String expected) {
    assertThat(stored("weight", value)).isEqualTo(new BigDecimal(expected));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "12,5|use a dot for decimals",
        "twelve|is not a number",
        "50.01|is above the maximum; accepted: a value from 0 to 50",
        "-1|is below the minimum"
      })
  void aNumberThatIsNotOneOrOutOfRangeIsRefused(String value, String says) {
    assertThat(problem("weight", value)).contains(says);
  }

  @ParameterizedTest
  @CsvSource({"3, true", "10, true", "0, false", "2.5, false", "three, false"})
  void anIntegerIsAWholeNumberWithinItsRange(String value, boolean ok) {
    if (ok) {
      assertThat(stored("items", value)).isEqualTo(Long.parseLong(value));
    } else {
      assertThat(submit("items", value)).isInstanceOf(RunOutcome.Refused.class);
    }
  }

  @ParameterizedTest
  @CsvSource({"yes, true", "TRUE, true", "no, false", "false, false"})
  void aBooleanAcceptsYesNoTrueFalse(String value, boolean expected) {
    assertThat(stored("gift", value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"maybe", "1", "si"})
  void aBooleanRefusesAnythingElseListingWhatIsAccepted(String value) {
    assertThat(problem("gift", value)).contains("accepted: yes, no, true, false");
  }

  @ParameterizedTest
  @CsvSource({"2026-02-28"})
  void aDateIsIsoYearMonthDay(String value) {
    assertThat(stored("bought_on", value)).isEqualTo(LocalDate.parse(value));
  }

  @ParameterizedTest
  @CsvSource({"28/02/2026", "2026-02-30", "2026-2-28", "+999999999-12-31", "+10000-01-01"})
  void aDateInAnotherFormOrThatDoesNotExistIsRefused(String value) {
    assertThat(problem("bought_on", value)).contains("like 2026-03-02");
  }

  @org.junit.jupiter.api.Test
  void aRefusalCarriesItsCheckAndArgumentsForOtherLanguages() {
    Refusal reason = refused(submit("bought_on", "28/02/2026")).reasons().getFirst();
    assertThat(reason.wording().key()).isEqualTo("refusal.invalid.not-date");
    assertThat(reason.wording().args()).hasSize(2).endsWith("28/02/2026");
    assertThat(reason.wording().args().getFirst()).contains("bought_on");
  }

  @ParameterizedTest
  @CsvSource({
    "2026-03-02T14:30:00Z, 2026-03-02T14:30:00Z",
    "2026-03-02T15:30:00+01:00, 2026-03-02T14:30:00Z"
  })
  void aDateTimeCarriesItsZoneAndIsStoredAsAnInstant(String value, String expected) {
    assertThat(stored("called_at", value)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({"2026-03-02T14:30:00", "2026-03-02", "yesterday", "+999999999-12-31T23:59:59Z"})
  void aDateTimeWithoutZoneOrWithAnUnreadableYearIsRefused(String value) {
    assertThat(problem("called_at", value)).contains("with its time zone");
  }

  @ParameterizedTest
  @CsvSource({
    "ana@example.com, true",
    "ana@example, false",
    "ana example.com, false",
    "@x.io, false"
  })
  void anEmailLooksLikeNameAtDomain(String value, boolean ok) {
    if (ok) {
      assertThat(stored("contact", value)).isEqualTo(value);
    } else {
      assertThat(problem("contact", value)).contains("like name@example.com");
    }
  }

  @ParameterizedTest
  @CsvSource({"+34 600 111 222, +34600111222", "+1 (415) 555-0100, +14155550100"})
  void aPhoneIsStoredInInternationalForm(String value, String expected) {
    assertThat(stored("mobile", value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"600 111 222", "+0 600 111 222", "+34 six"})
  void aPhoneWithoutCountryCodeIsRefused(String value) {
    assertThat(problem("mobile", value)).contains("start with + and the country code");
  }

  @ParameterizedTest
  @CsvSource({"49.90, 49.90", "100, 100", "0.5, 0.5"})
  void moneyIsStoredAsADecimalAmount(String value, String expected) {
    assertThat(stored("refund", value)).isEqualTo(new BigDecimal(expected));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "€49.90|no currency sign",
        "49.999|at most two decimals",
        "100.01|is above the maximum",
        "-5|is below the minimum"
      })
  void moneyWithASignTooManyDecimalsOrOutOfRangeIsRefused(String value, String says) {
    assertThat(problem("refund", value)).contains(says);
  }

  @ParameterizedTest
  @CsvSource({"damaged, damaged", "LATE, late"})
  void anEnumTakesOneOfItsValuesInTheDeclaredSpelling(String value, String expected) {
    assertThat(stored("reason", value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"broken"})
  void anEnumRefusesOtherValuesListingTheOptions(String value) {
    assertThat(problem("reason", value)).contains("choose damaged, late");
  }

  @Test
  void aValueCheckedOutsideARunGetsTheSameAnswerAsAStepsCapture() {
    assertThat(RunEngine.checkValue(RUN.protocol(), "ref", "abc-123"))
        .hasValueSatisfying(
            refusal -> assertThat(refusal.message()).isEqualTo(problem("ref", "abc-123")));
    assertThat(RunEngine.checkValue(RUN.protocol(), "ref", "XYZ-987")).isEmpty();
    assertThat(RunEngine.checkValue(RUN.protocol(), "ref", " "))
        .hasValueSatisfying(
            refusal -> assertThat(refusal).isInstanceOf(Refusal.MissingValue.class));
    assertThat(RunEngine.checkValue(RUN.protocol(), "notes", "")).isEmpty();
  }
}
