package io.servicebook.server.channels;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ReferenceRepository {

  private final JdbcClient jdbc;

  ReferenceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String token, String caseId) {
    jdbc.sql("INSERT INTO case_reference (token, case_id) VALUES (:token, :caseId)")
        .param("token", token)
        .param("caseId", caseId)
        .update();
  }

  Optional<String> caseOf(String token) {
    return jdbc.sql("SELECT case_id FROM case_reference WHERE token = :token")
        .param("token", token)
        .query(String.class)
        .optional();
  }

  Optional<String> tokenOf(String caseId) {
    return jdbc.sql("SELECT token FROM case_reference WHERE case_id = :caseId")
        .param("caseId", caseId)
        .query(String.class)
        .optional();
  }
}
