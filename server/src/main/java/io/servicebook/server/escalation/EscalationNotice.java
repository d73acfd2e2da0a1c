package io.servicebook.server.escalation;

/**
 * Someone should hear of a case's escalation or of a protocol's {@code notify}: published in the
 * transaction that escalated, for the notifications feature to leave in their notifications.
 *
 * @param who a role's key ({@code supervisor}: everyone of the role) or a username
 * @param kind {@code case_escalated}, {@code case_de_escalated} or {@code notification_requested}
 */
public record EscalationNotice(String who, String caseId, String kind, String message) {}
