package io.servicebook.server.followups;

import io.servicebook.followups.DueTime;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.IsoDuration;
import io.servicebook.server.web.TimeInput;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A follow-up an agent schedules by hand on a case: when it is due, on which channel, and a note
 * for whoever makes it.
 *
 * @param askedAt when the agent asked for it: the wait counts from then
 * @param after the wait from scheduling to due, such as {@code P3D}
 */
public record FollowUpByHand(
    Instant askedAt,
    Instant dueAt,
    String after,
    Optional<Channel> channel,
    Optional<String> note) {

  static final int MAX_NOTE = 2000;

  /**
   * A field that is wrong: its name as the request spells it, a stable code the pages turn into
   * their own words, and a sentence that says what is accepted.
   */
  public record Problem(String field, String code, String message) {}

  /** What the agent asked for, checked: the follow-up, or every problem with it. */
  public sealed interface Checked {
    record Valid(FollowUpByHand followUp) implements Checked {}

    record Invalid(List<Problem> problems) implements Checked {}
  }

  /**
   * Checks a follow-up by hand as typed.
   *
   * @param dueAt a moment with its offset ({@code 2026-05-04T09:00:00Z}); with {@code localZone}
   *     also a local date and time there ({@code 2026-05-04T09:00})
   * @param after a wait from now instead, such as {@code P1D} or {@code PT4H}
   */
  public static Checked check(
      Optional<String> dueAt,
      Optional<String> after,
      Optional<String> channel,
      Optional<String> note,
      Optional<ZoneId> localZone,
      Instant now) {
    List<Problem> problems = new ArrayList<>();
    Optional<String> due = dueAt.map(String::strip).filter(t -> !t.isEmpty());
    Optional<String> wait = after.map(String::strip).filter(t -> !t.isEmpty());
    Instant at = null;
    String waited = null;
    if (due.isPresent() && wait.isPresent()) {
      problems.add(
          new Problem("due_at", "both", "Give either due_at or after, not both; they disagree."));
    } else if (due.isPresent()) {
      Optional<Instant> parsed = Optional.empty();
      try {
        parsed = Optional.of(TimeInput.instantOrLocal("due_at", due.get(), localZone));
      } catch (TimeInput.Invalid e) {
        problems.add(new Problem("due_at", "due.format", e.getMessage()));
      }
      if (parsed.isPresent() && !parsed.get().isAfter(now)) {
        problems.add(
            new Problem(
                "due_at", "due.past", "“" + due.get() + "” has passed; a follow-up is due later."));
      } else if (parsed.isPresent()) {
        at = parsed.get().truncatedTo(ChronoUnit.MILLIS);
        waited = Duration.between(now, at).truncatedTo(ChronoUnit.MINUTES).toString();
      }
    } else if (wait.isPresent()) {
      try {
        IsoDuration parsed = TimeInput.wait("after", wait.get());
        at = TimeInput.within("after", wait.get(), DueTime.after(now, parsed));
        waited = parsed.text();
      } catch (TimeInput.Invalid e) {
        problems.add(new Problem("after", "after.format", e.getMessage()));
      }
    } else {
      problems.add(
          new Problem(
              "due_at",
              "missing",
              "Say when the follow-up is due: due_at (a date and time) or after (such as P3D)."));
    }
    Optional<String> by = channel.map(String::strip).filter(t -> !t.isEmpty());
    Optional<Channel> on =
        by.flatMap(k -> Arrays.stream(Channel.values()).filter(c -> c.key().equals(k)).findFirst());
    if (by.isPresent() && on.isEmpty()) {
      problems.add(
          new Problem(
              "channel",
              "channel.unknown",
              "“"
                  + by.get()
                  + "” is not a channel; choose one of "
                  + String.join(", ", Arrays.stream(Channel.values()).map(Channel::key).toList())
                  + "."));
    }
    Optional<String> text = note.map(String::strip).filter(t -> !t.isEmpty());
    if (text.isPresent() && text.get().length() > MAX_NOTE) {
      problems.add(
          new Problem("note", "note.long", "The note is longer than " + MAX_NOTE + " characters."));
    }
    return problems.isEmpty()
        ? new Checked.Valid(
            new FollowUpByHand(now.truncatedTo(ChronoUnit.MILLIS), at, waited, on, text))
        : new Checked.Invalid(problems);
  }
}
