package io.servicebook.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditVerification.Problem;
import io.servicebook.server.audit.AuditVerification.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the audit trail proves, against someone with write access to the database: run on H2 ({@link
 * H2AuditTrailTests}) and PostgreSQL ({@link PostgresAuditTrailTests}).
 */
abstract class AuditTrailContractTests {

  @TempDir Path dir;

  abstract DataSource database();

  private Trail trail() {
    return Trail.on(database(), dir);
  }

  private static Problem problem(Result result) {
    assertThat(result.intact()).as(result.summary()).isFalse();
    return result.problem().orElseThrow();
  }

  private static Result verify(Trail trail) {
    return trail.verification().verify(done -> {});
  }

  @Test
  void anUntouchedTrailVerifiesWithItsRowsChainsAndCheckpointsCounted() {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened", "case.assigned");
    trail.append("run", "r1", "run.started");
    trail.checkpoints().write(false);
    trail.append("case", "c1", "case.resolved");

    Result result = verify(trail);

    assertThat(result.intact()).as(result.summary()).isTrue();
    assertThat(result.rows()).isEqualTo(4);
    assertThat(result.chains()).isEqualTo(2);
    assertThat(result.checkpoints()).isEqualTo(1);
    assertThat(result.vouchedChains()).isEqualTo(2);
    assertThat(result.summary())
        .isEqualTo(
            "Audit trail intact: 4 rows in 2 chains, 1 checkpoints (2 chain heads) checked.");
    assertThat(trail.chain("case", "c1"))
        .extracting(AuditLog.Entry::keyId)
        .containsOnly(trail.keys().signer().id())
        .allMatch(id -> id.startsWith("hmac-"));
  }

  @Test
  void aCheckpointNamesTheChainsChangedSinceTheOneBeforeTheLastAndNoneWhenNothingChanged()
      throws IOException {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened");
    trail.append("case", "c2", "case.opened");
    assertThat(trail.checkpoints().write(false).orElseThrow().chains()).isEqualTo(2);
    assertThat(trail.checkpoints().write(false)).as("nothing new").isEmpty();

    trail.append("case", "c3", "case.opened");
    // the checkpoint before the last was none: every chain again
    assertThat(trail.checkpoints().write(false).orElseThrow().chains()).isEqualTo(3);
    trail.append("case", "c4", "case.opened");
    // since the first checkpoint: c3 and c4, not c1 and c2
    AuditCheckpoints.Written written = trail.checkpoints().write(false).orElseThrow();
    assertThat(written.chains()).isEqualTo(2);
    assertThat(Files.readAllLines(written.file()))
        .hasSize(3)
        .last()
        .asString()
        .contains("[\"case\",\"c3\",1,", "[\"case\",\"c4\",1,")
        .doesNotContain("\"c1\"");

    Result result = verify(trail);
    assertThat(result.intact()).as(result.summary()).isTrue();
    assertThat(result.checkpoints()).isEqualTo(3);
    assertThat(result.vouchedChains()).isEqualTo(4);
  }

  @Test
  void aCheckpointOfManyChainsIsWrittenAsSeveralSignedLinesThatVouchForAll() throws IOException {
    Trail trail = trail();
    for (int i = 1; i <= 5; i++) {
      trail.append("case", "c" + i, "case.opened");
    }
    var repository =
        new AuditTrailRepository(
            trail.data(),
            new org.springframework.jdbc.support.JdbcTransactionManager(trail.data()));
    var clock = java.time.Clock.fixed(Trail.T0, java.time.ZoneOffset.UTC);
    AuditCheckpoints inPairs =
        new AuditCheckpoints(repository, clock, AuditSettings.defaults(), dir, 2);

    AuditCheckpoints.Written written = inPairs.write(false).orElseThrow();

    assertThat(written.chains()).isEqualTo(5);
    assertThat(Files.readAllLines(written.file())).hasSize(3);
    Result result =
        new AuditVerification(repository, trail.keys(), inPairs, clock).verify(done -> {});
    assertThat(result.intact()).as(result.summary()).isTrue();
    assertThat(result.vouchedChains()).isEqualTo(5);
    assertThat(result.checkpoints()).as("one checkpoint in three lines").isEqualTo(1);
    trail.jdbc().sql("DELETE FROM audit_event WHERE subject_id = 'c5'").update();
    trail.jdbc().sql("DELETE FROM audit_chain WHERE subject_id = 'c5'").update();
    assertThat(problem(verify(trail)).subjectId()).isEqualTo("c5");
  }

  @Test
  void aCheckpointLineCutShortByACrashIsRemovedBeforeTheNextOne() throws IOException {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened");
    Path file = trail.checkpoints().file();
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"v\":1,\"at\":\"2026-03-02T09:");
    assertThat(verify(trail).intact()).as("an incomplete last line is a write cut short").isTrue();

    trail.checkpoints().write(false);

    assertThat(Files.readAllLines(file)).hasSize(1).first().asString().startsWith("{\"v\":1,");
    Result result = verify(trail);
    assertThat(result.intact()).as(result.summary()).isTrue();
    assertThat(result.checkpoints()).isEqualTo(1);
  }

  @Test
  void anUpdatedDetailIsFoundAtItsRow() {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened", "case.assigned", "case.resolved");
    long assigned = trail.chain("case", "c1").get(1).id();

    trail.set(assigned, "details", "{\"n\":2}");

    Problem problem = problem(verify(trail));
    assertThat(problem.kind()).isEqualTo("hash-mismatch");
    assertThat(problem.eventId()).isEqualTo(assigned);
    assertThat(problem.subjectType() + " " + problem.subjectId()).isEqualTo("case c1");
    assertThat(problem.sentence()).startsWith("row " + assigned + " (case c1): hash-mismatch");
    assertThat(trail.audit().verify()).map(AuditLog.Entry::id).contains(assigned);
  }

  @Test
  void anUpdatedActorIsFoundAtItsRow() {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened", "case.assigned");
    long opened = trail.chain("case", "c1").get(0).id();

    trail.set(opened, "actor", "mallory");

    Problem problem = problem(verify(trail));
    assertThat(problem.kind()).isEqualTo("hash-mismatch");
    assertThat(problem.eventId()).isEqualTo(opened);
  }

  @Test
  void aRowRewrittenAndItsChainRecomputedWithPlainSha256IsFound() {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened", "case.assigned", "case.resolved");
    long opened = trail.chain("case", "c1").get(0).id();

    trail.set(opened, "actor", "mallory");
    trail.rechain("case", "c1", null);

    // the rewritten chain holds together as plain SHA-256, and no checkpoint was written
    Problem problem = problem(verify(trail));
    assertThat(problem.kind()).isEqualTo("unsigned");
    assertThat(problem.eventId()).isEqualTo(opened);
  }

  @Test
  void aRowRewrittenWithPlainSha256UnderItsKeyIdIsFound() {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened", "case.assigned");
    List<AuditLog.Entry> rows = trail.chain("case", "c1");
    trail.set(rows.get(1).id(), "actor", "mallory");
    trail.rechain("case", "c1", null);
    trail.jdbc().sql("UPDATE audit_event SET key_id = :k").param("k", rows.get(0).keyId()).update();

    Problem problem = problem(verify(trail));
    assertThat(problem.kind()).isEqualTo("hash-mismatch");
    assertThat(problem.eventId()).isEqualTo(rows.get(0).id());
  }

  @Test
  void aRewriteWithTheRightKeyIsFoundByTheCheckpointThatCoveredIt() {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened", "case.assigned", "case.resolved");
    trail.checkpoints().write(false);
    trail.append("case", "c2", "case.opened");
    List<AuditLog.Entry> rows = trail.chain("case", "c1");

    trail.set(rows.get(0).id(), "reason", "nothing happened");
    trail.rechain("case", "c1", trail.keys().signer());

    // the database alone holds together: the rewriter had the key
    assertThat(trail.audit().verify()).isEmpty();
    Problem problem = problem(verify(trail));
    assertThat(problem.kind()).isEqualTo("checkpoint-mismatch");
    // the checkpoint vouched for the chain's third row, whose hash the rewrite changed
    assertThat(problem.eventId()).isEqualTo(rows.get(2).id());
    assertThat(problem.detail()).contains("vouched for another row 3 of this chain");
  }

  @Test
  void aDeletedRowInsideAChainIsFound() {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened", "case.assigned", "case.resolved");
    List<AuditLog.Entry> rows = trail.chain("case", "c1");

    trail
        .jdbc()
        .sql("DELETE FROM audit_event WHERE id = :id")
        .param("id", rows.get(1).id())
        .update();

    Problem problem = problem(verify(trail));
    assertThat(problem.kind()).isEqualTo("link-broken");
    assertThat(problem.eventId()).isEqualTo(rows.get(2).id());
  }

  @Test
  void aDeletedNewestRowIsFoundEvenWithTheHeadMovedBackByTheCheckpoint() {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened", "case.assigned", "case.resolved");
    List<AuditLog.Entry> rows = trail.chain("case", "c1");
    trail
        .jdbc()
        .sql("DELETE FROM audit_event WHERE id = :id")
        .param("id", rows.get(2).id())
        .update();
    assertThat(problem(verify(trail)).kind()).isEqualTo("missing-row");
    trail
        .jdbc()
        .sql("UPDATE audit_chain SET head_hash = :h")
        .param("h", rows.get(1).hash())
        .update();
    assertThat(verify(trail).intact()).as("no checkpoint yet: the head was moved back").isTrue();

    Trail checked = trail();
    checked.append("case", "c1", "case.opened", "case.assigned", "case.resolved");
    checked.checkpoints().write(false);
    List<AuditLog.Entry> vouched = checked.chain("case", "c1");
    checked
        .jdbc()
        .sql("DELETE FROM audit_event WHERE id = :id")
        .param("id", vouched.get(2).id())
        .update();
    checked
        .jdbc()
        .sql("UPDATE audit_chain SET head_hash = :h")
        .param("h", vouched.get(1).hash())
        .update();

    Problem problem = problem(verify(checked));
    assertThat(problem.kind()).isEqualTo("missing-row");
    assertThat(problem.eventId()).isEqualTo(vouched.get(1).id());
    assertThat(problem.detail()).contains("vouched for 3 rows of this chain, 2 are left");
  }

  @Test
  void aWholeChainDeletedIsFoundByTheCheckpoint() {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened");
    trail.append("case", "gone", "case.opened", "case.resolved");
    trail.checkpoints().write(false);

    trail.jdbc().sql("DELETE FROM audit_event WHERE subject_id = 'gone'").update();
    trail.jdbc().sql("DELETE FROM audit_chain WHERE subject_id = 'gone'").update();

    Problem problem = problem(verify(trail));
    assertThat(problem.kind()).isEqualTo("missing-row");
    assertThat(problem.eventId()).isNull();
    assertThat(problem.subjectId()).isEqualTo("gone");
  }

  @Test
  void rotatingTheKeyKeepsOldRowsVerifiableAndNewRowsUseTheNewKey() throws IOException {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened");
    String before = trail.keys().signer().id();

    AuditKeys.Rotated rotated = trail.keys().rotate();
    Trail restarted = trail.restarted(AuditSettings.defaults());
    restarted.append("case", "c1", "case.resolved");
    restarted.append("case", "c2", "case.opened");

    assertThat(rotated.id()).isNotEqualTo(before);
    assertThat(restarted.keys().ids()).containsExactly(before, rotated.id());
    assertThat(restarted.chain("case", "c1"))
        .extracting(AuditLog.Entry::keyId)
        .containsExactly(before, rotated.id());
    assertThat(restarted.chain("case", "c2").get(0).keyId()).isEqualTo(rotated.id());
    assertThat(verify(restarted).intact()).isTrue();

    // without the old key, its rows cannot be verified
    Path file = dir.resolve("keys/audit-hmac.key");
    List<String> lines = Files.readAllLines(file);
    Files.write(file, lines.subList(1, lines.size()));
    Problem problem = problem(verify(restarted.restarted(AuditSettings.defaults())));
    assertThat(problem.kind()).isEqualTo("unknown-key");
    assertThat(problem.detail()).contains(before);
  }

  @Test
  void rowsMadeBeforeTheChainWasKeyedStillVerifyAndTheirChainGoesOnKeyed() {
    DataSource data = database();
    Trail.migrate(data, "20"); // before V24 keyed the chain
    var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(data);
    String head =
        Trail.insertLegacy(jdbc, "case", "old", "case.opened", Trail.T0, AuditLog.GENESIS);
    head = Trail.insertLegacy(jdbc, "case", "old", "case.resolved", Trail.T0.plusSeconds(1), head);
    jdbc.sql(
            "INSERT INTO audit_chain (subject_type, subject_id, head_hash) VALUES ('case', 'old', :h)")
        .param("h", head)
        .update();

    Trail trail = Trail.on(data, dir);
    trail.append("case", "old", "case.reopened");

    assertThat(trail.chain("case", "old"))
        .extracting(AuditLog.Entry::keyId)
        .containsExactly("sha256", "sha256", trail.keys().signer().id());
    assertThat(verify(trail).intact()).isTrue();

    // a row passed off as unkeyed after the upgrade is not believed
    Trail.forgeUnkeyed(jdbc, "case", "forged", "case.opened", Trail.T0);
    Problem problem = problem(verify(trail));
    assertThat(problem.kind()).isEqualTo("unsigned");
    assertThat(problem.subjectId()).isEqualTo("forged");
  }

  @Test
  void raisingWhereTheUnkeyedRowsEndDoesNotHelpAForgerOnceACheckpointRecordedIt() {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened");
    trail.checkpoints().write(false);

    trail.jdbc().sql("UPDATE audit_legacy SET last_event_id = 1000000").update();
    Trail.forgeUnkeyed(trail.jdbc(), "case", "forged", "case.opened", Trail.T0);
    trail
        .jdbc()
        .sql(
            "INSERT INTO audit_chain (subject_type, subject_id, head_hash)"
                + " SELECT subject_type, subject_id, hash FROM audit_event WHERE subject_id = 'forged'")
        .update();

    Problem problem = problem(verify(trail));
    assertThat(problem.kind()).isEqualTo("unsigned");
    assertThat(problem.subjectId()).isEqualTo("forged");
  }

  @Test
  void aCheckpointWithATamperedSignatureIsReported() throws IOException {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened");
    AuditCheckpoints.Written written = trail.checkpoints().write(false).orElseThrow();
    assertThat(verify(trail).checkpoints()).isEqualTo(1);

    String line = Files.readString(written.file(), StandardCharsets.UTF_8).strip();
    int at = line.indexOf("\"signature\":\"") + 13;
    char flipped = line.charAt(at) == 'A' ? 'B' : 'A';
    Files.writeString(
        written.file(), line.substring(0, at) + flipped + line.substring(at + 1) + "\n");

    Problem problem = problem(verify(trail));
    assertThat(problem.kind()).isEqualTo("checkpoint-invalid");
    assertThat(problem.detail()).contains("line 1 of").contains("signature does not verify");
  }

  @Test
  void aCheckpointLineChangedToVouchForARewriteIsReported() throws IOException {
    Trail trail = trail();
    trail.append("case", "c1", "case.opened");
    AuditCheckpoints.Written written = trail.checkpoints().write(false).orElseThrow();
    String hash = trail.chain("case", "c1").get(0).hash();

    String line = Files.readString(written.file(), StandardCharsets.UTF_8);
    Files.writeString(written.file(), line.replace(hash, "0".repeat(64)));

    assertThat(problem(verify(trail)).kind()).isEqualTo("checkpoint-invalid");
  }

  @Test
  void aKeyFileIsMadeForItsOwnerOnlyOnFirstUse() throws IOException {
    Trail trail = trail();
    Path file = dir.resolve("keys/audit-hmac.key");
    assertThat(file).doesNotExist();

    trail.append("case", "c1", "case.opened");

    assertThat(file).exists();
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
    assertThat(trail.keys().ids()).hasSize(1);
  }

  @Test
  void aKeyFromTheEnvironmentSignsAndNoKeyFileIsMade() {
    String hex = HexFormat.of().formatHex(new byte[32]).replace('0', '7');
    AuditSettings settings = new AuditSettings(hex, null, null, null, null, null, null);
    Trail trail = Trail.on(database(), dir, settings, Trail.T0);

    trail.append("case", "c1", "case.opened");

    assertThat(dir.resolve("keys/audit-hmac.key")).doesNotExist();
    assertThat(trail.chain("case", "c1").get(0).keyId())
        .isEqualTo(AuditKeys.idOf(HexFormat.of().parseHex(hex)));
    assertThat(verify(trail).intact()).isTrue();
    // the same trail checked without the key: its rows are signed with a key it does not know
    assertThat(problem(verify(trail.restarted(AuditSettings.defaults()))).kind())
        .isEqualTo("unknown-key");
  }
}
