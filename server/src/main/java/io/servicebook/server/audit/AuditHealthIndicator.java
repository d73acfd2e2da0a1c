package io.servicebook.server.audit;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code audit} health: UP while the latest check found the trail intact, {@code DEGRADED} when
 * it found it broken, UNKNOWN before the first check. Not part of readiness: a broken trail is for
 * the admins to look into, not a reason to take the server out of the load balancer.
 */
@Component
class AuditHealthIndicator implements HealthIndicator {

  static final Status DEGRADED =
      new Status("DEGRADED", "The audit trail is broken: run `servicebook audit verify`");

  private final AuditChecks checks;

  AuditHealthIndicator(AuditChecks checks) {
    this.checks = checks;
  }

  @Override
  public Health health() {
    return checks
        .latest()
        .map(
            result -> {
              Health.Builder health = result.intact() ? Health.up() : Health.status(DEGRADED);
              health
                  .withDetail("checked_at", result.checkedAt().toString())
                  .withDetail("rows", result.rows())
                  .withDetail("chains", result.chains())
                  .withDetail("checkpoints", result.checkpoints());
              result.problem().ifPresent(p -> health.withDetail("problem", p.sentence()));
              return health.build();
            })
        .orElseGet(() -> Health.unknown().withDetail("checked", false).build());
  }
}
