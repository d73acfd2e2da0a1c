package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Notification mails over real HTTP on every database (H2: {@link
 * H2NotificationMailIntegrationTests}, PostgreSQL: {@link
 * PostgresNotificationMailIntegrationTests}): the settings page, and mails as each user prefers —
 * at once, held for their working hours (their own or a business calendar's), or in a daily digest
 * — through durable timers that come due when the test moves the server's clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NotificationMailContractTests {

  RunningServer server;
  SettableClock clock;
  final RecordingStaffMail mails = new RecordingStaffMail();
  NotificationDrill drill;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    clock = new SettableClock(NotificationDrill.START);
    drill = NotificationDrill.start(dataDir, database(), clock, mails);
    server = drill.server;
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- mails as each user prefers ---

  @Test
  void aMailAtOnceGoesToTheUsersAddressAndOnlyForTheKindsChosen() throws Exception {
    ConsoleSession mia = drill.signedIn("mia");
    HttpResponse<String> saved =
        drill.prefs(
            mia,
            "mia@example.com",
            Map.of("case_assigned", "email"),
            "UTC",
            "09:00",
            "17:00",
            List.of(1, 2, 3, 4, 5),
            false);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    String id = drill.open("The kettle sparks");

    drill.assign(id, RunningServer.TOKEN, "mia", null);
    drill.answer(id);

    List<RecordingStaffMail.Sent> sent = mails.to("mia@example.com");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).subject()).isEqualTo("[Servicebook] A case was assigned to you");
    assertThat(sent.get(0).text()).contains("The kettle sparks", "/cases/" + id);
  }

  @Test
  void anEscalationToARoleMailsEachMemberWhoAskedForIt() throws Exception {
    ConsoleSession sam = drill.signedIn("sam");
    drill.prefs(
        sam,
        "sam@example.com",
        Map.of("case_escalated", "email"),
        "UTC",
        "09:00",
        "17:00",
        List.of(1, 2, 3, 4, 5),
        false);
    String id = drill.open("The kettle caught fire");

    RunningServer.Reply escalated =
        server.postJson(
            "/api/v1/cases/" + id + "/escalations",
            drill.tokens.get("ann"),
            Map.of("reason", "the customer wants a team lead"));

    assertThat(escalated.status()).as(escalated.body()).isEqualTo(201);
    List<JsonNode> told = drill.of("sam", id, "case_escalated");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).at("/recipient/type").asString())
        .as("one item the supervisors share")
        .isEqualTo("role");
    assertThat(drill.of("sue", id, "case_escalated")).hasSize(1);
    List<RecordingStaffMail.Sent> sent = mails.to("sam@example.com");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).subject()).isEqualTo("[Servicebook] A case was escalated to you");
    assertThat(sent.get(0).text()).contains("The kettle caught fire", "a team lead");
  }

  @Test
  void theFormRefusesABadAddressNamingTheFieldAndSavesNothing() throws Exception {
    ConsoleSession bob = drill.signedIn("bob");

    HttpResponse<String> refused =
        drill.prefs(
            bob,
            "not an address",
            Map.of("case_assigned", "email"),
            "Mars/Olympus",
            "17:00",
            "09:00",
            List.of(1),
            false);

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains(
            "id=\"notify-email-error\"", "id=\"notify-zone-error\"", "id=\"notify-end-error\"")
        .contains("This is not an e-mail address");
    assertThat(
            jdbc()
                .sql("SELECT COUNT(*) FROM notification_preference WHERE username = 'bob'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aBusinessCalendarsHoursStandInsteadOfTheUsersOwn() throws Exception {
    ConsoleSession bob = drill.signedIn("bob");
    HttpResponse<String> unknown =
        drill.prefs(
            bob, "bob@example.com", Map.of(), "UTC", "09:00", "17:00", List.of(), true, "mars");
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(unknown.body()).contains("id=\"notify-calendar-error\"");
    ConsoleSession lena = drill.signedIn("lena");
    int startHour = clock.instant().atZone(ZoneOffset.UTC).getHour() < 12 ? 13 : 2;
    HttpResponse<String> saved =
        drill.prefs(
            lena,
            "lena@example.com",
            Map.of("case_assigned", "email"),
            "UTC",
            "%02d:00".formatted(startHour),
            "%02d:00".formatted(startHour + 1),
            List.of(1, 2, 3, 4, 5, 6, 7),
            true,
            "always-open");
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    assertThat(lena.get("/account/notifications").body())
        .contains("<option value=\"always-open\" selected=\"selected\">always-open</option>");
    String id = drill.open("The kettle is always on");

    drill.assign(id, RunningServer.TOKEN, "lena", null);

    assertThat(mails.to("lena@example.com"))
        .as("the calendar's hours, always open, stand instead of her own, closed now")
        .hasSize(1);
  }

  @Test
  void outsideWorkingHoursAMailWaitsForTheNextWorkingHour() throws Exception {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    int startHour = clock.instant().atZone(berlin).getHour() < 12 ? 13 : 2;
    ConsoleSession hal = drill.signedIn("hal");
    drill.prefs(
        hal,
        "hal@example.com",
        Map.of("case_assigned", "email"),
        "Europe/Berlin",
        "%02d:00".formatted(startHour),
        "%02d:00".formatted(startHour + 1),
        List.of(1, 2, 3, 4, 5, 6, 7),
        true);
    ZonedDateTime opens = clock.instant().atZone(berlin).with(LocalTime.of(startHour, 0));
    if (!opens.toInstant().isAfter(clock.instant())) {
      opens = opens.plusDays(1);
    }
    String id = drill.open("The kettle smells");

    drill.assign(id, RunningServer.TOKEN, "hal", null);

    assertThat(mails.to("hal@example.com")).isEmpty();
    assertThat(drill.of("hal", id, "case_assigned")).hasSize(1);
    later(Duration.between(clock.instant(), opens.toInstant()).minusMinutes(1));
    assertThat(mails.to("hal@example.com")).isEmpty();
    later(Duration.ofMinutes(2));
    assertThat(mails.to("hal@example.com")).hasSize(1);
    assertThat(mails.to("hal@example.com").get(0).text()).contains("The kettle smells");
  }

  @Test
  void aDigestGathersTheNotificationsIntoOneMailAtTheStartOfTheWorkingDay() throws Exception {
    ConsoleSession dora = drill.signedIn("dora");
    drill.prefs(
        dora,
        "dora@example.com",
        Map.of("customer_answered", "digest"),
        "UTC",
        "09:00",
        "17:00",
        List.of(1, 2, 3, 4, 5),
        false);
    String id = drill.open("The kettle is blue");
    drill.assign(id, RunningServer.TOKEN, "dora", null);

    drill.answer(id);
    drill.answer(id);

    assertThat(mails.to("dora@example.com")).isEmpty();
    later(Duration.between(clock.instant(), nextWeekdayNine(clock.instant())).plusMinutes(1));
    List<RecordingStaffMail.Sent> sent = mails.to("dora@example.com");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).subject()).contains("daily digest", "2 notifications");
    assertThat(sent.get(0).text()).contains("The kettle is blue", "/cases/" + id);
    assertThat(sent.get(0).text().split("A customer answered", -1)).hasSize(3);

    drill.answer(id);
    later(Duration.ofHours(1));
    assertThat(mails.to("dora@example.com")).as("the next digest is tomorrow's").hasSize(1);
  }

  // --- helpers ---

  private static Instant nextWeekdayNine(Instant after) {
    ZonedDateTime day = after.atZone(ZoneOffset.UTC).with(LocalTime.of(9, 0));
    while (!day.toInstant().isAfter(after)
        || day.getDayOfWeek() == DayOfWeek.SATURDAY
        || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.plusDays(1);
    }
    return day.toInstant();
  }

  private JdbcClient jdbc() {
    return server.bean(JdbcClient.class);
  }

  /** Moves the clock on and runs every timer that came due by then. */
  private void later(Duration by) throws Exception {
    clock.advance(by);
    DueTimers.run(server, clock);
  }
}
