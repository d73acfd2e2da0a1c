package io.servicebook.server.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/**
 * Checks the whole audit trail: every row against the key that signed it and the row before it,
 * every chain against its head, and every chain against what the signed checkpoints vouched for.
 * Rows are read as a stream, ordered by chain; memory grows with the number of chains the
 * checkpoints name, not with the rows.
 */
@Component
public class AuditVerification {

  /**
   * What is wrong, and where: the row ({@code eventId}, absent when the row is gone) and its chain.
   * {@code kind} is one of {@code hash-mismatch}, {@code link-broken}, {@code unsigned}, {@code
   * unknown-key}, {@code missing-row}, {@code checkpoint-mismatch}, {@code checkpoint-invalid}.
   */
  public record Problem(
      String kind, Long eventId, String subjectType, String subjectId, String detail) {

    /** One sentence for people: the row, its chain, what is wrong. */
    public String sentence() {
      String where =
          eventId != null
              ? "row " + eventId + " (" + subjectType + " " + subjectId + ")"
              : subjectType != null ? subjectType + " " + subjectId : "the checkpoints";
      return where + ": " + kind + " — " + detail;
    }
  }

  /**
   * The outcome of one check: what was checked, the first problem if any, and the first {@value
   * ChainCheck#LISTED} problems (a chain is listed once, at its first problem).
   */
  public record Result(
      Instant checkedAt,
      long rows,
      long chains,
      int checkpoints,
      long vouchedChains,
      Optional<Problem> problem,
      long problems,
      Duration took,
      List<Problem> listed) {

    public boolean intact() {
      return problems == 0;
    }

    /** One line: what was checked, and whether it holds. */
    public String summary() {
      String checked =
          String.format(
              Locale.ROOT,
              "%,d rows in %,d chains, %,d checkpoints (%,d chain heads)",
              rows,
              chains,
              checkpoints,
              vouchedChains);
      return intact()
          ? "Audit trail intact: " + checked + " checked."
          : "Audit trail broken: "
              + problems
              + " problem(s) in "
              + checked
              + "; the first: "
              + problem.map(Problem::sentence).orElse("")
              + ".";
    }
  }

  private final AuditTrailRepository trail;
  private final AuditKeys keys;
  private final AuditCheckpoints checkpoints;
  private final Clock clock;

  AuditVerification(
      AuditTrailRepository trail, AuditKeys keys, AuditCheckpoints checkpoints, Clock clock) {
    this.trail = trail;
    this.keys = keys;
    this.checkpoints = checkpoints;
    this.clock = clock;
  }

  /** How many rows a check reads: the total of its progress. */
  public long rows() {
    return trail.countRows();
  }

  /** Checks everything; {@code progress} hears how many rows are done, now and then. */
  public Result verify(LongConsumer progress) {
    long started = System.nanoTime();
    Instant at = clock.instant();
    AuditCheckpoints.Vouched vouched = checkpoints.read();
    // a checkpoint remembers where the unkeyed rows ended: raising it in the database shows
    long legacy = Math.min(trail.legacyCeiling(), vouched.legacyCeiling().orElse(Long.MAX_VALUE));
    ChainCheck check = new ChainCheck(keys, legacy, vouched.chains());
    vouched.problems().forEach(check::report);
    long[] done = {0};
    trail.walk(
        row -> {
          check.row(row);
          if (++done[0] % 1_000 == 0) {
            progress.accept(done[0]);
          }
        });
    check.finish(trail.headsWithoutRows());
    progress.accept(done[0]);
    return new Result(
        at,
        check.rows(),
        check.chains(),
        vouched.checkpoints(),
        vouched.chains().size(),
        check.first(),
        check.problems(),
        Duration.ofNanos(System.nanoTime() - started),
        check.listed());
  }
}
