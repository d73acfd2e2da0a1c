package io.servicebook.flowchart;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.protocol.IsoDuration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LabelsTest {

  @Test
  void slaDurationsReadAsHoursMinutesOrDays() {
    assertThat(Labels.duration(Duration.ofHours(2))).isEqualTo("2 h");
    assertThat(Labels.duration(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
    assertThat(Labels.duration(Duration.ofMinutes(45))).isEqualTo("45 min");
    assertThat(Labels.duration(Duration.ofHours(24))).isEqualTo("24 h");
    assertThat(Labels.duration(Duration.ofDays(3))).isEqualTo("3 d");
    assertThat(Labels.duration(IsoDuration.parse("P1MT4H").orElseThrow())).isEqualTo("1 mo 4 h");
  }

  @Test
  void slaTargetsOnABusinessCalendarReadAsBusinessTime() {
    assertThat(Labels.businessDuration(Duration.ofHours(24))).isEqualTo("24 business hours");
    assertThat(Labels.businessDuration(Duration.ofHours(1))).isEqualTo("1 business hour");
    assertThat(Labels.businessDuration(Duration.ofMinutes(90))).isEqualTo("1 business hour 30 min");
    assertThat(Labels.businessDuration(Duration.ofMinutes(30))).isEqualTo("30 business minutes");
  }

  @Test
  void longConditionsAreShortenedWithAnEllipsis() {
    assertThat(Labels.shorten("a  ==\n b", 26)).isEqualTo("a == b");
    assertThat(Labels.shorten("customer.threatens_legal_action == true", 26))
        .hasSize(26)
        .endsWith("…");
  }

  @Test
  void wrapBreaksAtSpacesIntoBalancedLinesAndSplitsOverlongWords() {
    assertThat(Labels.wrap("Confirm the outcome and close the case", 28))
        .containsExactly("Confirm the outcome", "and close the case");
    assertThat(Labels.wrap("Confirm the customer can log in", 28))
        .containsExactly("Confirm the", "customer can log in");
    assertThat(Labels.wrap("Find the order", 28)).containsExactly("Find the order");
    assertThat(Labels.wrap("x".repeat(30), 28)).containsExactly("x".repeat(28), "xx");
  }
}
