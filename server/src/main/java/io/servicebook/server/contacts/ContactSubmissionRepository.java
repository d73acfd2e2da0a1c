package io.servicebook.server.contacts;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The contact form's recent submissions, by the hashes of their address and network address. */
@Repository
class ContactSubmissionRepository {

  private final JdbcClient jdbc;

  ContactSubmissionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What a submission is counted by. */
  enum CountedBy {
    ADDRESS("address_hash"),
    IP("ip_hash");

    private final String column;

    CountedBy(String column) {
      this.column = column;
    }
  }

  /** The submissions after {@code since} with this hash of their address or network address. */
  long count(CountedBy by, String hash, Instant since) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM contact_submission WHERE "
                + by.column
                + " = :hash AND submitted_at > :since")
        .param("hash", hash)
        .param("since", Timestamp.from(since))
        .query(Long.class)
        .single();
  }

  void insert(String addressHash, String ipHash, String caseId, Instant at) {
    jdbc.sql(
            """
            INSERT INTO contact_submission (address_hash, ip_hash, case_id, submitted_at)
            VALUES (:address, :ip, :caseId, :at)
            """)
        .param("address", addressHash)
        .param("ip", ipHash)
        .param("caseId", caseId)
        .param("at", Timestamp.from(at))
        .update();
  }

  void deleteBefore(Instant cutoff) {
    jdbc.sql("DELETE FROM contact_submission WHERE submitted_at <= :cutoff")
        .param("cutoff", Timestamp.from(cutoff))
        .update();
  }
}
