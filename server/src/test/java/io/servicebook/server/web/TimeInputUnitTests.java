package io.servicebook.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeInputUnitTests {

  @Test
  void readsAnInstantWithZOrAnOffset() {
    assertThat(TimeInput.instant("start", "2026-03-27T09:00:00Z"))
        .isEqualTo(Instant.parse("2026-03-27T09:00:00Z"));
    assertThat(TimeInput.instant("start", "2026-03-27T11:00:00+02:00"))
        .isEqualTo(Instant.parse("2026-03-27T09:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z"})
  void refusesAnInstantOutsideTheRangeNamingTheField(String text) {
    assertThatThrownBy(() -> TimeInput.instant("start", text))
        .isInstanceOfSatisfying(
            TimeInput.Invalid.class, e -> assertThat(e.field()).isEqualTo("start"))
        .hasMessageContaining(text)
        .hasMessageContaining("1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
  }

  @Test
  void acceptsTheEdgesOfTheRange() {
    assertThat(TimeInput.instant("t", "1970-01-01T00:00:00Z")).isEqualTo(TimeInput.EARLIEST);
    assertThat(TimeInput.instant("t", "9999-12-31T23:59:59Z")).isEqualTo(TimeInput.LATEST);
  }

  @Test
  void refusesTextThatIsNoInstantSayingHowToWriteOne() {
    assertThatThrownBy(() -> TimeInput.instant("start", "tomorrow"))
        .hasMessageContaining("“tomorrow” is not an instant")
        .hasMessageContaining("2026-03-27T09:00:00Z");
  }

  @Test
  void aDayIsItsStartOrTheStartOfTheNextInTheZone() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(TimeInput.instantOrDay("from", "2026-11-23", berlin, false))
        .isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
    assertThat(TimeInput.instantOrDay("to", "2026-11-23", berlin, true))
        .isEqualTo(Instant.parse("2026-11-23T23:00:00Z"));
    assertThatThrownBy(() -> TimeInput.instantOrDay("from", "0001-01-01", berlin, false))
        .hasMessageContaining("outside the accepted range");
  }

  @Test
  void aLocalDateTimeIsReadInTheZoneOnlyWhenOneIsGiven() {
    assertThat(
            TimeInput.instantOrLocal(
                "due_at", "2026-05-04T09:00", Optional.of(ZoneId.of("Europe/Berlin"))))
        .isEqualTo(Instant.parse("2026-05-04T07:00:00Z"));
    assertThatThrownBy(
            () -> TimeInput.instantOrLocal("due_at", "2026-05-04T09:00", Optional.empty()))
        .isInstanceOf(TimeInput.Invalid.class);
  }

  @Test
  void aDurationIsPositiveAndAtMostTenYears() {
    assertThat(TimeInput.duration("target", "PT8H", false)).isEqualTo(Duration.ofHours(8));
    assertThat(TimeInput.duration("target", "P3652D", false)).isEqualTo(TimeInput.LONGEST);
    assertThat(TimeInput.duration("within", "PT0S", true)).isZero();
    assertThatThrownBy(() -> TimeInput.duration("target", "PT0S", false))
        .hasMessageContaining("is zero");
    assertThatThrownBy(() -> TimeInput.duration("target", "-PT1H", true))
        .hasMessageContaining("is negative");
    assertThatThrownBy(() -> TimeInput.duration("target", "P3653D", false))
        .hasMessageContaining("longer than the longest accepted");
    assertThatThrownBy(() -> TimeInput.duration("target", "PT99999999999999999H", false))
        .hasMessageContaining("is not an ISO-8601 duration");
  }

  @Test
  void aWaitWithMonthsOrYearsIsAtMostAboutTenYears() {
    assertThat(TimeInput.wait("after", "P1M").text()).isEqualTo("P1M");
    assertThat(TimeInput.wait("after", "P9Y").text()).isEqualTo("P9Y");
    assertThatThrownBy(() -> TimeInput.wait("after", "P11Y"))
        .isInstanceOfSatisfying(
            TimeInput.Invalid.class, e -> assertThat(e.field()).isEqualTo("after"));
  }

  @Test
  void aMonthIsWrittenYearDashMonthFrom1970() {
    assertThat(TimeInput.month("month", "2026-11")).isEqualTo(YearMonth.of(2026, 11));
    assertThatThrownBy(() -> TimeInput.month("month", "1969-12"))
        .hasMessageContaining("outside the accepted range, 1970-01 to 9999-12");
    assertThatThrownBy(() -> TimeInput.month("month", "+10000-01"))
        .hasMessageContaining("is not a month");
  }
}
