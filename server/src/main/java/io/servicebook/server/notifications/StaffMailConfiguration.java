package io.servicebook.server.notifications;

import io.servicebook.server.channels.Outbox;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Notification mails leave through the outbox, written in the transaction that decided to send
 * them, and go out by the mailboxes' SMTP (the first enabled mailbox is the sender) with the
 * outbox's retries; until a mailbox exists they wait in the outbox.
 */
@Configuration
class StaffMailConfiguration {

  @Bean
  @ConditionalOnMissingBean(StaffMail.class)
  StaffMail outboxStaffMail(Outbox outbox) {
    return outbox::enqueueStaffMail;
  }
}
