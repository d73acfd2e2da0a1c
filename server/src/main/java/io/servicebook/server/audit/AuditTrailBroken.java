package io.servicebook.server.audit;

import java.time.Instant;

/**
 * A check found the audit trail broken where the check before it had not: the first problem, how
 * many there are, and when it was found. Published once per new break, for the admins to hear of.
 */
public record AuditTrailBroken(AuditVerification.Problem problem, long problems, Instant at) {}
