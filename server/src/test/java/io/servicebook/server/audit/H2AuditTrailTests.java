package io.servicebook.server.audit;

import javax.sql.DataSource;

/** The audit trail's proofs on the embedded H2 database. */
class H2AuditTrailTests extends AuditTrailContractTests {

  @Override
  DataSource database() {
    return Trail.h2();
  }
}
