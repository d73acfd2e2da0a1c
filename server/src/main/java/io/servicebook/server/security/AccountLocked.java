package io.servicebook.server.security;

import java.time.Instant;

/**
 * An account was locked after {@code failures} failed sign-ins, the last from {@code source}; it is
 * published in the transaction that locks it, so a listener's writes commit with the lockout.
 */
public record AccountLocked(
    String username, String source, Instant lockedAt, Instant until, long failures) {}
