package io.servicebook.server.audit;

import io.servicebook.server.ServerSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail's keys and checkpoints, kept in the data directory unless configured. */
@Configuration
class AuditConfiguration {

  @Bean
  AuditKeys auditKeys(AuditSettings settings, ServerSettings server) {
    return AuditKeys.of(settings, server.dataDir());
  }

  @Bean
  AuditCheckpoints auditCheckpoints(
      AuditTrailRepository trail, Clock clock, AuditSettings settings, ServerSettings server) {
    return new AuditCheckpoints(trail, clock, settings, server.dataDir());
  }
}
