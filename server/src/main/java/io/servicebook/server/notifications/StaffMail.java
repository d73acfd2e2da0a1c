package io.servicebook.server.notifications;

/**
 * Sends a notification mail to a member of staff. Called inside the transaction that decided to
 * send, so an implementation that writes to a durable outbox loses nothing when that transaction
 * commits and sends nothing when it rolls back.
 */
public interface StaffMail {

  void send(String to, String subject, String text);
}
