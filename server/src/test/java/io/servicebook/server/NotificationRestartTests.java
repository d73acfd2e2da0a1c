package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.notifications.Delivery;
import io.servicebook.server.notifications.NotificationKind;
import io.servicebook.server.notifications.Preferences;
import io.servicebook.server.notifications.WorkingHours;
import io.servicebook.server.security.Role;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail held for the user's working hours survives a restart: the server that held it is stopped,
 * another starts on the same database, and that one sends it when the hour comes.
 */
class NotificationRestartTests {

  @Test
  void aMailHeldForWorkingHoursIsSentByTheServerRunningWhenTheHourComes(@TempDir Path dataDir)
      throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2026-12-07T20:00:00Z")); // Monday night
    RecordingStaffMail before = new RecordingStaffMail();
    try (RunningServer first = start(dataDir, clock, before)) {
      first.tokenFor("hal", Role.AGENT);
      first
          .bean(Preferences.class)
          .save(
              "hal",
              new Preferences.Choices(
                  Map.of(NotificationKind.ASSIGNED, Delivery.EMAIL),
                  new WorkingHours(
                      ZoneId.of("UTC"),
                      LocalTime.of(9, 0),
                      LocalTime.of(17, 0),
                      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                      true),
                  Optional.empty(),
                  Optional.of("hal@example.com")),
              "test");
      NotificationDrill drill = new NotificationDrill(first);
      drill.assign(drill.open("return", "The kettle rattles"), RunningServer.TOKEN, "hal", null);
      assertThat(before.to("hal@example.com")).isEmpty();
    }
    RecordingStaffMail after = new RecordingStaffMail();
    try (RunningServer second = start(dataDir, clock, after)) {
      clock.advance(Duration.ofHours(13).minusMinutes(1));
      DueTimers.run(second, clock);
      assertThat(after.to("hal@example.com")).as("08:59 is before working hours").isEmpty();

      clock.advance(Duration.ofMinutes(2));
      DueTimers.run(second, clock);

      assertThat(after.to("hal@example.com")).hasSize(1);
      assertThat(after.to("hal@example.com").get(0).text()).contains("The kettle rattles");
      assertThat(before.to("hal@example.com")).isEmpty();
    }
  }

  private static RunningServer start(Path dataDir, SettableClock clock, RecordingStaffMail mail) {
    return RunningServer.start(
        dataDir,
        Map.of(),
        Map.of(
            "servicebook.protocols",
            ServerContractTests.STARTER_PACK.toString(),
            "servicebook.timers.polling-interval",
            "PT0.1S",
            "spring.main.allow-bean-definition-overriding",
            true),
        mail.withClock(clock));
  }
}
