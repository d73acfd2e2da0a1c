package io.servicebook.server.notifications;

import io.servicebook.server.security.AccountLocked;
import io.servicebook.server.security.Role;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells an account's owner and the admins that it was locked after failed sign-ins, in the
 * transaction that locked it.
 */
@Component
class LockoutNotices {

  static final String KIND = "account.locked";

  private final Notifications notifications;

  LockoutNotices(Notifications notifications) {
    this.notifications = notifications;
  }

  @EventListener
  void on(AccountLocked locked) {
    String text =
        "Sign-ins to `"
            + locked.username()
            + "` are locked until "
            + locked.until()
            + " after "
            + locked.failures()
            + " failed attempts, the last from "
            + locked.source()
            + ". If that was not the account's owner, someone is guessing its password.";
    notifications.send(locked.username(), null, KIND, text);
    notifications.send(Role.ADMIN.key(), null, KIND, text);
  }
}
