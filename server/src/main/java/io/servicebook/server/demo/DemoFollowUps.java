package io.servicebook.server.demo;

import io.servicebook.followups.DueTime;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.FollowUp;
import io.servicebook.server.followups.FollowUps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The follow-ups of a generated case, as the follow-up feature writes them when a case is resolved
 * on a protocol with a {@code follow_up}: one per resolution cycle, due {@code after} the
 * resolution. Most were done within hours of coming due, some days late, about one in nine skipped
 * with a reason; one whose agent has not got to it yet is still due (at most four days past its due
 * time, never more), one not due yet waits with its timer, and a reopen cancelled the first
 * cycle's.
 */
final class DemoFollowUps {

  private static final List<String> OUTCOMES =
      List.of(
          "Customer confirmed everything is fine",
          "Customer is happy with the solution",
          "Refund arrived; nothing more to do",
          "Left a message; customer replied all good",
          "Customer had one more question, answered it");

  private static final List<String> SKIP_REASONS =
      List.of(
          "Customer asked not to be contacted again",
          "Customer wrote in first; answered on the new case",
          "No reply after two attempts",
          "Account closed meanwhile");

  private DemoFollowUps() {}

  /** A resolution cycle of the case: when it was resolved and, if it was reopened, when. */
  record Cycle(int number, Instant resolvedAt, Instant reopenedAt) {}

  /** What the case's follow-ups need to know about it. */
  record Subject(
      String caseId,
      String protocol,
      int version,
      FollowUp followUp,
      Channel channel,
      String agent,
      String team) {}

  static void write(
      DemoHistoryRepository.Batch batch,
      SplittableRandom random,
      Subject subject,
      List<Cycle> cycles,
      Instant now) {
    for (Cycle cycle : cycles) {
      one(batch, random, subject, cycle, now);
    }
  }

  private static void one(
      DemoHistoryRepository.Batch batch,
      SplittableRandom random,
      Subject subject,
      Cycle cycle,
      Instant now) {
    String id = FollowUps.resolutionFollowUpId(subject.caseId(), cycle.number());
    Instant due = DueTime.after(cycle.resolvedAt(), subject.followUp().after());
    DemoHistoryRepository.FollowUpRow row =
        new DemoHistoryRepository.FollowUpRow(
            id,
            subject.caseId(),
            subject.protocol(),
            subject.version(),
            cycle.number(),
            subject.followUp().after().text(),
            due,
            subject.followUp().channel().orElse(subject.channel()).name(),
            subject.agent(),
            subject.team(),
            cycle.resolvedAt(),
            subject.agent());
    if (cycle.reopenedAt() != null && cycle.reopenedAt().isBefore(due)) {
      // a reopen cancels the follow-up that is not due yet; the customer's reply reopened it
      batch.followUp(
          row.ended(
              "CANCELLED",
              null,
              "the case was reopened: the customer replied",
              cycle.reopenedAt(),
              "customer",
              1));
      return;
    }
    if (!due.isBefore(now)) {
      batch.followUp(row);
      batch.timer(FollowUps.dueTimer(id, due, subject.caseId()));
      return;
    }
    int pick = random.nextInt(100);
    boolean late = pick >= 78 && pick < 89;
    boolean skipped = pick >= 89;
    // on time: within a working day of coming due; late: one to four days after; skipped: when
    // the agent gave up, within two days
    long minutes =
        late
            ? 24 * 60 + random.nextLong(3 * 24 * 60)
            : skipped
                ? 10 + random.nextLong(2 * 24 * 60)
                : Math.min(8 * 60 + 30, 10 + (long) (120 * Math.exp(random.nextGaussian() * 0.8)));
    Instant completed = due.plus(Duration.ofMinutes(minutes));
    if (completed.isAfter(now)) {
      // nobody got to it yet: in the agent's queue since it came due
      batch.followUp(row.due());
      return;
    }
    batch.followUp(
        skipped
            ? row.ended(
                "SKIPPED",
                null,
                SKIP_REASONS.get(random.nextInt(SKIP_REASONS.size())),
                completed,
                subject.agent(),
                2)
            : row.ended(
                "DONE",
                OUTCOMES.get(random.nextInt(OUTCOMES.size())),
                null,
                completed,
                subject.agent(),
                2));
  }
}
