package io.servicebook.server.sla;

import java.time.Instant;
import java.util.Optional;

/**
 * An SLA clock of a case passed its warning share or breached, published in the transaction that
 * recorded it (once per clock cycle), for features that tell people about it.
 *
 * @param target the clock's target, such as {@code first_response}
 * @param assignee the case's assignee at that moment
 * @param team the case's team at that moment
 */
public record SlaAlarm(
    String caseId,
    String subject,
    String target,
    boolean breached,
    Optional<String> assignee,
    Optional<String> team,
    Optional<Instant> dueAt) {}
