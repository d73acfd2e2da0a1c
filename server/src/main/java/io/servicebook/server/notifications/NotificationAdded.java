package io.servicebook.server.notifications;

/**
 * A notification was left, published in the transaction that left it: a live channel (server-sent
 * events) can listen after commit and tell the recipient's open consoles to redraw the bell.
 *
 * @param recipientType {@code user} or {@code role}
 * @param recipient the username, or the role's key
 */
public record NotificationAdded(long id, String recipientType, String recipient) {}
