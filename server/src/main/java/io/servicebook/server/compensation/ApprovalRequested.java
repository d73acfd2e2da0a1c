package io.servicebook.server.compensation;

/**
 * A compensation needs a supervisor's approval, published in the transaction that stored the
 * request, for features that tell the supervisors.
 *
 * @param amount the amount and currency as people read it, such as {@code 120.00 EUR}
 */
public record ApprovalRequested(
    String compensationId, String caseId, String amount, String reason, String requestedBy) {}
