package io.servicebook.server.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Until a mail transport is configured as a {@link StaffMail} bean, notification mails are only
 * logged (address and subject), so choosing "also by email" never breaks a change.
 */
@Configuration
class StaffMailConfiguration {

  private static final Logger log = LoggerFactory.getLogger(StaffMailConfiguration.class);

  @Bean
  @ConditionalOnMissingBean(StaffMail.class)
  StaffMail loggedStaffMail() {
    return (to, subject, text) ->
        log.info("No mail transport for staff notifications; not sent to {}: {}", to, subject);
  }
}
