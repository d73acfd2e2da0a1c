package io.servicebook.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 8: the audit trail moves from one chain over all rows (every append waited for the
 * previous one) to one chain per subject. Existing rows are chained again per subject, oldest
 * first, and each chain's newest hash goes into {@code audit_chain}. In Java because SQL cannot
 * hash.
 */
@Component
class PerSubjectAuditChains implements JavaMigration {

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("8");
  }

  @Override
  public String getDescription() {
    return "per subject audit chains";
  }

  @Override
  public Integer getChecksum() {
    return 8_001;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(
          """
          CREATE TABLE audit_chain (
              subject_type  VARCHAR(40)   NOT NULL,
              subject_id    VARCHAR(200)  NOT NULL,
              head_hash     VARCHAR(64)   NOT NULL,
              PRIMARY KEY (subject_type, subject_id)
          )
          """);
    }
    Map<String, String[]> heads = new LinkedHashMap<>();
    try (Statement read = connection.createStatement();
        ResultSet rows =
            read.executeQuery(
                "SELECT id, subject_type, subject_id, event_type, actor, occurred_at, reason,"
                    + " details FROM audit_event ORDER BY id");
        PreparedStatement rechain =
            connection.prepareStatement(
                "UPDATE audit_event SET previous_hash = ?, hash = ? WHERE id = ?")) {
      while (rows.next()) {
        String type = rows.getString("subject_type");
        String id = rows.getString("subject_id");
        String key = type + "\u001f" + id;
        String previous = heads.containsKey(key) ? heads.get(key)[2] : AuditLog.GENESIS;
        String hash =
            AuditLog.hash(
                previous,
                type,
                id,
                rows.getString("event_type"),
                rows.getString("actor"),
                rows.getTimestamp("occurred_at").toInstant(),
                rows.getString("reason"),
                rows.getString("details"));
        rechain.setString(1, previous);
        rechain.setString(2, hash);
        rechain.setLong(3, rows.getLong("id"));
        rechain.addBatch();
        heads.put(key, new String[] {type, id, hash});
      }
      rechain.executeBatch();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_chain (subject_type, subject_id, head_hash) VALUES (?, ?, ?)")) {
      for (String[] head : heads.values()) {
        insert.setString(1, head[0]);
        insert.setString(2, head[1]);
        insert.setString(3, head[2]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("DROP TABLE audit_head");
    }
  }
}
