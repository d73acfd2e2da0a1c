package io.servicebook.server.audit;

import io.servicebook.server.audit.AuditVerification.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the rows of the trail one at a time, ordered by chain and within a chain by id: each row's
 * link to the one before it, its hash under its key, the chain's head, and what the checkpoints
 * vouched for. A chain is reported once, at its first problem.
 */
final class ChainCheck {

  /** A row as read for checking, with its chain's head from {@code audit_chain} (or null). */
  record Row(AuditLog.Entry entry, String chainHead) {}

  /** How many problems a check lists for people to look at; the rest are counted. */
  static final int LISTED = 20;

  private final AuditKeys keys;
  private final long legacyCeiling;
  private final Map<Subject, AuditCheckpoints.Head> vouched;
  private Problem first;
  private final List<Problem> listed = new ArrayList<>();
  private long problems;
  private long rows;
  private long chains;

  private Subject current;
  private String head;
  private String previous;
  private long length;
  private boolean keyed;
  private boolean broken;
  private AuditLog.Entry last;

  ChainCheck(AuditKeys keys, long legacyCeiling, Map<Subject, AuditCheckpoints.Head> vouched) {
    this.keys = keys;
    this.legacyCeiling = legacyCeiling;
    this.vouched = new HashMap<>(vouched);
  }

  void row(Row row) {
    AuditLog.Entry e = row.entry();
    Subject subject = new Subject(e.subjectType(), e.subjectId());
    if (!subject.equals(current)) {
      endChain();
      current = subject;
      head = row.chainHead();
      previous = AuditLog.GENESIS;
      length = 0;
      keyed = false;
      broken = false;
    }
    rows++;
    last = e;
    if (broken) {
      return;
    }
    length++;
    Optional<String> wrong = wrong(e);
    if (wrong.isPresent()) {
      String[] kindAndDetail = wrong.get().split(":", 2);
      broken(kindAndDetail[0], e, kindAndDetail[1]);
      return;
    }
    previous = e.hash();
    AuditCheckpoints.Head v = vouched.get(subject);
    if (v != null && length == v.length() && !e.hash().equals(v.hash())) {
      broken(
          "checkpoint-mismatch",
          e,
          "the checkpoint of "
              + v.at()
              + " vouched for another row "
              + length
              + " of this chain: it or a row before it was rewritten (with the chain recomputed)");
    }
  }

  /** What is wrong with a row, as {@code kind:detail}; empty when it holds. */
  private Optional<String> wrong(AuditLog.Entry e) {
    if (!e.previousHash().equals(previous)) {
      return Optional.of(
          "link-broken:its previous hash does not match the row before it in its chain: a row"
              + " before it was deleted or changed");
    }
    String content =
        AuditLog.content(
            e.previousHash(),
            e.subjectType(),
            e.subjectId(),
            e.eventType(),
            e.actor(),
            e.at(),
            e.reason(),
            e.details());
    if (e.keyId().equals(AuditKeys.LEGACY)) {
      if (keyed) {
        return Optional.of(
            "unsigned:it claims to be chained with plain SHA-256 (key id `sha256`), after a row"
                + " of its chain signed with a key; only rows from before the chain was keyed may"
                + " be unsigned");
      }
      if (e.id() > legacyCeiling) {
        return Optional.of(
            "unsigned:it claims to be chained with plain SHA-256 (key id `sha256`), but rows"
                + " after "
                + legacyCeiling
                + " were written with a key");
      }
      return AuditLog.sha256(content).equals(e.hash())
          ? Optional.empty()
          : Optional.of(
              "hash-mismatch:its content does not match its SHA-256 hash: it was changed");
    }
    Optional<AuditKeys.Key> key = keys.find(e.keyId());
    if (key.isEmpty()) {
      return Optional.of(
          "unknown-key:it is signed with key `"
              + e.keyId()
              + "`, which is not among the audit keys "
              + keys.ids()
              + " (SERVICEBOOK_AUDIT_KEY or the key file): give this check the server's keys");
    }
    keyed = true;
    return keys.sign(key.get(), content).equals(e.hash())
        ? Optional.empty()
        : Optional.of(
            "hash-mismatch:its content does not match its hash under key `"
                + e.keyId()
                + "`: it was changed");
  }

  private void endChain() {
    if (current == null) {
      return;
    }
    chains++;
    AuditCheckpoints.Head v = vouched.remove(current);
    if (broken) {
      return;
    }
    if (head == null) {
      broken(
          "missing-row",
          last,
          "its chain has no head in audit_chain: the chain's head row was deleted");
    } else if (!head.equals(previous)) {
      broken(
          "missing-row",
          last,
          "the chain's head says a newer row followed this one: rows at the end of the chain were"
              + " deleted");
    } else if (v != null && length < v.length()) {
      broken(
          "missing-row",
          last,
          "the checkpoint of "
              + v.at()
              + " vouched for "
              + v.length()
              + " rows of this chain, "
              + length
              + " are left: rows at its end were deleted");
    }
  }

  /** Ends the walk: the chains vouched for but gone, and heads without rows, are problems too. */
  void finish(List<Subject> headsWithoutRows) {
    endChain();
    current = null;
    vouched.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            v ->
                report(
                    new Problem(
                        "missing-row",
                        null,
                        v.getKey().type(),
                        v.getKey().id(),
                        "the checkpoint of "
                            + v.getValue().at()
                            + " vouched for "
                            + v.getValue().length()
                            + " rows of this chain; none are left")));
    headsWithoutRows.forEach(
        s ->
            report(
                new Problem(
                    "missing-row",
                    null,
                    s.type(),
                    s.id(),
                    "audit_chain has a head for this chain, but its rows are gone")));
  }

  private void broken(String kind, AuditLog.Entry e, String detail) {
    broken = true;
    report(new Problem(kind, e.id(), e.subjectType(), e.subjectId(), detail));
  }

  void report(Problem problem) {
    problems++;
    if (first == null) {
      first = problem;
    }
    if (listed.size() < LISTED) {
      listed.add(problem);
    }
  }

  List<Problem> listed() {
    return List.copyOf(listed);
  }

  Optional<Problem> first() {
    return Optional.ofNullable(first);
  }

  long problems() {
    return problems;
  }

  long rows() {
    return rows;
  }

  long chains() {
    return chains;
  }
}
