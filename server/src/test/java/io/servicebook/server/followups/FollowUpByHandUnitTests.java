package io.servicebook.server.followups;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.protocol.Channel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowUpByHandUnitTests {

  private static final Instant NOW = Instant.parse("2026-05-04T08:30:00.123456Z");
  private static final Optional<ZoneId> BERLIN = Optional.of(ZoneId.of("Europe/Berlin"));

  @Test
  void aWaitIsCountedFromNowOnTheUtcCalendar() {
    FollowUpByHand f = valid(check(null, "P3D", "sms", " ask again ", Optional.empty()));

    assertThat(f.askedAt()).isEqualTo(Instant.parse("2026-05-04T08:30:00.123Z"));
    assertThat(f.dueAt()).isEqualTo(Instant.parse("2026-05-07T08:30:00.123Z"));
    assertThat(f.after()).isEqualTo("P3D");
    assertThat(f.channel()).contains(Channel.SMS);
    assertThat(f.note()).contains("ask again");
  }

  @Test
  void aLocalDateAndTimeIsReadInTheAgentsZoneAndOneWithAnOffsetAsWritten() {
    FollowUpByHand local = valid(check("2026-05-06T10:00", null, null, null, BERLIN));
    FollowUpByHand offset = valid(check("2026-05-06T10:00:00Z", null, null, null, BERLIN));

    assertThat(local.dueAt()).isEqualTo(Instant.parse("2026-05-06T08:00:00Z"));
    assertThat(local.after()).isEqualTo("PT47H29M");
    assertThat(local.channel()).isEmpty();
    assertThat(local.note()).isEmpty();
    assertThat(offset.dueAt()).isEqualTo(Instant.parse("2026-05-06T10:00:00Z"));
  }

  @Test
  void withoutAZoneALocalDateAndTimeIsNotAccepted() {
    assertThat(problem(check("2026-05-06T10:00", null, null, null, Optional.empty())))
        .isEqualTo(new Problem("due_at", "due.format"));
  }

  @Test
  void eachWrongFieldIsNamedWithItsCode() {
    assertThat(problem(check(null, null, null, null, BERLIN)))
        .isEqualTo(new Problem("due_at", "missing"));
    assertThat(problem(check("2026-05-06T10:00", "P1D", null, null, BERLIN)))
        .isEqualTo(new Problem("due_at", "both"));
    assertThat(problem(check("2026-05-04T10:00", null, null, null, BERLIN)))
        .as("08:00 UTC is before now")
        .isEqualTo(new Problem("due_at", "due.past"));
    assertThat(problem(check(null, "P0D", null, null, BERLIN)))
        .isEqualTo(new Problem("after", "after.format"));
    assertThat(problem(check(null, "P1D", "pigeon", null, BERLIN)))
        .isEqualTo(new Problem("channel", "channel.unknown"));
    assertThat(problem(check(null, "P1D", null, "x".repeat(2001), BERLIN)))
        .isEqualTo(new Problem("note", "note.long"));
  }

  private record Problem(String field, String code) {}

  private static FollowUpByHand.Checked check(
      String dueAt, String after, String channel, String note, Optional<ZoneId> zone) {
    return FollowUpByHand.check(
        Optional.ofNullable(dueAt),
        Optional.ofNullable(after),
        Optional.ofNullable(channel),
        Optional.ofNullable(note),
        zone,
        NOW);
  }

  private static FollowUpByHand valid(FollowUpByHand.Checked checked) {
    assertThat(checked).isInstanceOf(FollowUpByHand.Checked.Valid.class);
    return ((FollowUpByHand.Checked.Valid) checked).followUp();
  }

  private static Problem problem(FollowUpByHand.Checked checked) {
    assertThat(checked).isInstanceOf(FollowUpByHand.Checked.Invalid.class);
    FollowUpByHand.Problem p = ((FollowUpByHand.Checked.Invalid) checked).problems().getFirst();
    return new Problem(p.field(), p.code());
  }
}
