package io.servicebook.server.audit;

import javax.sql.DataSource;

/** The audit trail's proofs on PostgreSQL. */
class PostgresAuditTrailTests extends AuditTrailContractTests {

  @Override
  DataSource database() {
    return Trail.postgres();
  }
}
