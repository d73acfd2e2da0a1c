package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.notifications.NotificationAdded;
import io.servicebook.server.security.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Staff notifications over real HTTP on every database (H2: {@link H2NotificationIntegrationTests},
 * PostgreSQL: {@link PostgresNotificationIntegrationTests}): each kind reaches the right people and
 * nobody else, read and unread, the bell's fragment, and mails as each user prefers — at once, held
 * for working hours, or in a daily digest — through durable timers that come due when the test
 * moves the server's clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NotificationContractTests {

  /** A Monday, early: the server's clock starts here and only moves forward. */
  static final Instant START = Instant.parse("2026-12-07T06:00:00Z");

  /** First response within an hour (a warning at half), and a compensation offer. */
  static final String BELL_DRILL =
      """
      protocol: bell-drill
      title: Bell drill
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "bell-drill"
      priority: 90
      channels: [email]
      languages: [en]
      sla:
        first_response: PT1H
        warn_at: 0.5
      steps:
        - id: offer
          title: Offer a gesture
          script: {en: "We are sorry; let us make it up to you."}
          action: {compensate: {max: 50, currency: EUR, approval_above: 20}}
        - id: close
          title: Close the case
          script: {en: "Thank you for your patience."}
          action: {resolve: true}
      """;

  /** A protocol the author otto owns, due for review two days after publication. */
  static final String REVIEW_DRILL =
      """
      protocol: review-drill
      title: Review drill
      owner: otto
      review_every: P2D
      applies_when: case.category == "review-drill"
      priority: 90
      channels: [email]
      languages: [en]
      steps:
        - id: answer
          title: Answer the customer
          script: {en: "Hello, we are on it."}
          action: {resolve: true}
      """;

  RunningServer server;
  SettableClock clock;
  final RecordingStaffMail mails = new RecordingStaffMail();
  final Map<String, String> tokens = new LinkedHashMap<>();

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    clock = new SettableClock(START);
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.timers.polling-interval",
                "PT0.1S",
                "servicebook.notifications.team-leads.kettles",
                "lena",
                "spring.main.allow-bean-definition-overriding",
                true),
            mails.withClock(clock));
    for (String agent : List.of("ann", "bob", "lena", "mia", "hal", "dora")) {
      tokens.put(agent, server.tokenFor(agent, Role.AGENT));
    }
    tokens.put("sue", server.tokenFor("sue", Role.SUPERVISOR));
    tokens.put("sam", server.tokenFor("sam", Role.SUPERVISOR));
    tokens.put("rita", server.tokenFor("rita", Role.REVIEWER));
    tokens.put("otto", server.tokenFor("otto", Role.AUTHOR));
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(
                Map.of("bell-drill.yaml", BELL_DRILL, "review-drill.yaml", REVIEW_DRILL)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- who hears of what ---

  @Test
  void anAssignmentTellsTheNewAssigneeOnceAndNobodyElse() throws Exception {
    String id = open("The kettle leaks");

    assign(id, RunningServer.TOKEN, "ann", null);
    assign(id, RunningServer.TOKEN, "ann", "kettles");

    List<JsonNode> told = of("ann", id, "case_assigned");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).get("text").asString()).contains("admin", "The kettle leaks");
    assertThat(told.get(0).get("link").asString()).isEqualTo("/cases/" + id);
    assertThat(told.get(0).at("/recipient/type").asString()).isEqualTo("user");
    assertThat(of("bob", id, "case_assigned")).isEmpty();

    assign(id, RunningServer.TOKEN, "bob", "kettles");
    assign(id, RunningServer.TOKEN, "ann", "kettles");

    assertThat(of("bob", id, "case_assigned")).hasSize(1);
    assertThat(of("ann", id, "case_assigned")).hasSize(2);
  }

  @Test
  void eachNotificationIsAnnouncedForALiveChannel() throws Exception {
    List<NotificationAdded> heard = new CopyOnWriteArrayList<>();
    server.context.addApplicationListener(
        (ApplicationListener<ApplicationEvent>)
            event -> {
              if (event instanceof PayloadApplicationEvent<?> payload
                  && payload.getPayload() instanceof NotificationAdded added) {
                heard.add(added);
              }
            });
    String id = open("The kettle glows");

    assign(id, RunningServer.TOKEN, "bob", null);

    long told = of("bob", id, "case_assigned").get(0).get("id").asLong();
    assertThat(heard).contains(new NotificationAdded(told, "user", "bob"));
  }

  @Test
  void whoTakesACaseThemselvesIsNotTold() throws Exception {
    String id = open("The kettle hums");

    assign(id, tokens.get("bob"), "bob", null);

    assertThat(of("bob", id, "case_assigned")).isEmpty();
  }

  @Test
  void aCustomersAnswerTellsTheAssigneeOnly() throws Exception {
    String id = open("The kettle is slow");
    answer(id);
    assertThat(of("ann", id, "customer_answered")).as("nobody has the case yet").isEmpty();
    assign(id, RunningServer.TOKEN, "ann", null);

    answer(id);
    note(id);

    assertThat(of("ann", id, "customer_answered")).hasSize(1);
    assertThat(of("ann", id, "customer_answered").get(0).get("text").asString())
        .contains("answered", "The kettle is slow");
    assertThat(of("bob", id, "customer_answered")).isEmpty();
  }

  @Test
  void anSlaWarningTellsTheAssigneeAndABreachTheTeamsLeads() throws Exception {
    String id = open("The kettle whistles");
    assign(id, RunningServer.TOKEN, "ann", "kettles");

    later(Duration.ofMinutes(31));

    assertThat(of("ann", id, "sla_warning")).hasSize(1);
    assertThat(of("ann", id, "sla_warning").get(0).get("text").asString())
        .contains("first response", "The kettle whistles");
    assertThat(of("lena", id, "team_breach")).isEmpty();

    later(Duration.ofMinutes(30));

    assertThat(of("lena", id, "team_breach")).hasSize(1);
    assertThat(of("lena", id, "team_breach").get(0).get("text").asString())
        .contains("kettles", "breached");
    assertThat(of("ann", id, "team_breach")).isEmpty();
    assertThat(of("sue", id, "team_breach")).isEmpty();
    assertThat(of("bob", id, "sla_warning")).isEmpty();
  }

  @Test
  void aCompensationWaitingForApprovalTellsEverySupervisorButTheOneWhoAsked() throws Exception {
    String id = open("The kettle burnt the table");
    assign(id, RunningServer.TOKEN, "ann", "kettles-" + System.nanoTime());
    String team =
        server.get("/api/v1/cases/" + id, RunningServer.TOKEN).json().get("team").asString();
    String month = clock.instant().atZone(ZoneOffset.UTC).toString().substring(0, 7);
    assertThat(
            server
                .put(
                    "/api/v1/budgets/" + team + "/" + month,
                    RunningServer.TOKEN,
                    Map.of("amount", "500", "currency", "EUR"))
                .status())
        .isEqualTo(200);

    RunningServer.Reply asked =
        server.postJson(
            "/api/v1/cases/" + id + "/compensations",
            tokens.get("sue"),
            Map.of("amount", "35", "currency", "EUR", "reason", "a burnt table"));

    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    assertThat(asked.json().get("status").asString()).isEqualTo("pending_approval");
    List<JsonNode> told = of("sam", id, "approval_waiting");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).get("text").asString()).contains("sue", "35.00 EUR", "a burnt table");
    assertThat(told.get(0).get("link").asString()).isEqualTo("/supervisor");
    assertThat(of("sue", id, "approval_waiting")).isEmpty();
    assertThat(of("ann", id, "approval_waiting")).isEmpty();
  }

  @Test
  void aSavedDraftTellsTheReviewersButNotItsAuthor() throws Exception {
    ConsoleSession otto = signedIn("otto");
    String path = "/protocols/review-drill/edit";
    String source = REVIEW_DRILL.replace("Hello, we are on it.", "Hello, we are on it now.");

    HttpResponse<String> saved =
        otto.post(path, Map.of("source", source, "_csrf", csrf(otto, path)), Map.of());

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    String draft = saved.headers().firstValue("Location").orElseThrow();
    List<JsonNode> told = kind("rita", "draft_waiting");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).get("text").asString()).contains("otto", "Review drill");
    assertThat(draft).endsWith(told.get(0).get("link").asString());
    assertThat(kind("otto", "draft_waiting")).isEmpty();
    assertThat(kind("ann", "draft_waiting")).isEmpty();
  }

  @Test
  void aProtocolsReviewComesDueForItsOwner() throws Exception {
    Instant due = START.plus(Duration.ofDays(2));
    if (clock.instant().isBefore(due)) {
      later(Duration.between(clock.instant(), due).plusMinutes(1));
    } else {
      later(Duration.ofMinutes(1));
    }

    List<JsonNode> told = kind("otto", "review_due");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).get("text").asString()).contains("Review drill", "version 1");
    assertThat(told.get(0).get("link").asString()).isEqualTo("/protocols/review-drill");
    assertThat(kind("rita", "review_due")).isEmpty();
  }

  @Test
  void aFollowUpThatComesDueTellsItsAssignee() throws Exception {
    String id = open("The kettle needs a check-in");
    assign(id, RunningServer.TOKEN, "ann", null);
    RunningServer.Reply scheduled =
        server.postJson(
            "/api/v1/cases/" + id + "/follow-ups", tokens.get("ann"), Map.of("after", "PT2H"));
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);

    later(Duration.ofMinutes(119));
    assertThat(of("ann", id, "follow_up_due")).isEmpty();
    later(Duration.ofMinutes(2));

    assertThat(of("ann", id, "follow_up_due")).hasSize(1);
    assertThat(of("bob", id, "follow_up_due")).isEmpty();
  }

  // --- read and unread, the bell ---

  @Test
  void readingOneOrAllMarksOnlyTheUsersOwn() throws Exception {
    String first = open("The kettle is loud");
    String second = open("The kettle is cold");
    assign(first, RunningServer.TOKEN, "ann", null);
    assign(second, RunningServer.TOKEN, "ann", null);
    long one = of("ann", first, "case_assigned").get(0).get("id").asLong();

    RunningServer.Reply byBob =
        server.post(
            "/api/v1/notifications/" + one + "/read", tokens.get("bob"), "text/plain", new byte[0]);
    RunningServer.Reply byAnn =
        server.post(
            "/api/v1/notifications/" + one + "/read", tokens.get("ann"), "text/plain", new byte[0]);

    assertThat(byBob.status()).isEqualTo(404);
    assertThat(byAnn.status()).isEqualTo(200);
    assertThat(byAnn.json().get("read_at").isNull()).isFalse();
    assertThat(of("ann", second, "case_assigned").get(0).get("read_at").isNull()).isTrue();

    RunningServer.Reply all =
        server.post("/api/v1/notifications/read-all", tokens.get("ann"), "text/plain", new byte[0]);

    assertThat(all.status()).as(all.body()).isEqualTo(200);
    assertThat(all.json().get("marked_read").asInt()).isPositive();
    assertThat(of("ann", second, "case_assigned").get(0).get("read_at").isNull()).isFalse();
    assertThat(all("ann")).allSatisfy(n -> assertThat(n.get("read_at").isNull()).isFalse());
  }

  @Test
  void theBellsFragmentAnswersNothingNewWhileNothingChanged() throws Exception {
    ConsoleSession bob = signedIn("bob");
    bob.post(
        "/notifications/read-all",
        Map.of("_csrf", csrf(bob, "/account/notifications")),
        Map.of("HX-Request", "true"));
    HttpResponse<String> quiet = bob.get("/notifications/bell");
    Matcher mark = java.util.regex.Pattern.compile("seen=([0-9]+-0)").matcher(quiet.body());
    assertThat(mark.find()).as(quiet.body()).isTrue();
    assertThat(quiet.body()).doesNotContain("bell-count");

    assertThat(bob.get("/notifications/bell?seen=" + mark.group(1)).statusCode()).isEqualTo(204);
    String id = open("The kettle rattles");
    assign(id, RunningServer.TOKEN, "bob", null);
    HttpResponse<String> news = bob.get("/notifications/bell?seen=" + mark.group(1));

    assertThat(news.statusCode()).isEqualTo(200);
    assertThat(news.body()).contains("class=\"bell-count\">1<", "The kettle rattles");
    assertThat(news.body()).contains("hx-swap-oob=\"true\"");
  }

  // --- mails as each user prefers ---

  @Test
  void aMailAtOnceGoesToTheUsersAddressAndOnlyForTheKindsChosen() throws Exception {
    ConsoleSession mia = signedIn("mia");
    HttpResponse<String> saved =
        prefs(
            mia,
            "mia@example.com",
            Map.of("case_assigned", "email"),
            "UTC",
            "09:00",
            "17:00",
            List.of(1, 2, 3, 4, 5),
            false);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    String id = open("The kettle sparks");

    assign(id, RunningServer.TOKEN, "mia", null);
    answer(id);

    List<RecordingStaffMail.Sent> sent = mails.to("mia@example.com");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).subject()).isEqualTo("[Servicebook] A case was assigned to you");
    assertThat(sent.get(0).text()).contains("The kettle sparks", "/cases/" + id);
  }

  @Test
  void anEscalationToARoleMailsEachMemberWhoAskedForIt() throws Exception {
    ConsoleSession sam = signedIn("sam");
    prefs(
        sam,
        "sam@example.com",
        Map.of("case_escalated", "email"),
        "UTC",
        "09:00",
        "17:00",
        List.of(1, 2, 3, 4, 5),
        false);
    String id = open("The kettle caught fire");

    RunningServer.Reply escalated =
        server.postJson(
            "/api/v1/cases/" + id + "/escalations",
            tokens.get("ann"),
            Map.of("reason", "the customer wants a team lead"));

    assertThat(escalated.status()).as(escalated.body()).isEqualTo(201);
    List<JsonNode> told = of("sam", id, "case_escalated");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).at("/recipient/type").asString())
        .as("one item the supervisors share")
        .isEqualTo("role");
    assertThat(of("sue", id, "case_escalated")).hasSize(1);
    List<RecordingStaffMail.Sent> sent = mails.to("sam@example.com");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).subject()).isEqualTo("[Servicebook] A case was escalated to you");
    assertThat(sent.get(0).text()).contains("The kettle caught fire", "a team lead");
  }

  @Test
  void theFormRefusesABadAddressNamingTheFieldAndSavesNothing() throws Exception {
    ConsoleSession bob = signedIn("bob");

    HttpResponse<String> refused =
        prefs(
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
    ConsoleSession bob = signedIn("bob");
    HttpResponse<String> unknown =
        prefs(bob, "bob@example.com", Map.of(), "UTC", "09:00", "17:00", List.of(), true, "mars");
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(unknown.body()).contains("id=\"notify-calendar-error\"");
    ConsoleSession lena = signedIn("lena");
    int startHour = clock.instant().atZone(ZoneOffset.UTC).getHour() < 12 ? 13 : 2;
    HttpResponse<String> saved =
        prefs(
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
    String id = open("The kettle is always on");

    assign(id, RunningServer.TOKEN, "lena", null);

    assertThat(mails.to("lena@example.com"))
        .as("the calendar's hours, always open, stand instead of her own, closed now")
        .hasSize(1);
  }

  @Test
  void outsideWorkingHoursAMailWaitsForTheNextWorkingHour() throws Exception {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    int startHour = clock.instant().atZone(berlin).getHour() < 12 ? 13 : 2;
    ConsoleSession hal = signedIn("hal");
    prefs(
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
    String id = open("The kettle smells");

    assign(id, RunningServer.TOKEN, "hal", null);

    assertThat(mails.to("hal@example.com")).isEmpty();
    assertThat(of("hal", id, "case_assigned")).hasSize(1);
    later(Duration.between(clock.instant(), opens.toInstant()).minusMinutes(1));
    assertThat(mails.to("hal@example.com")).isEmpty();
    later(Duration.ofMinutes(2));
    assertThat(mails.to("hal@example.com")).hasSize(1);
    assertThat(mails.to("hal@example.com").get(0).text()).contains("The kettle smells");
  }

  @Test
  void aDigestGathersTheNotificationsIntoOneMailAtTheStartOfTheWorkingDay() throws Exception {
    ConsoleSession dora = signedIn("dora");
    prefs(
        dora,
        "dora@example.com",
        Map.of("customer_answered", "digest"),
        "UTC",
        "09:00",
        "17:00",
        List.of(1, 2, 3, 4, 5),
        false);
    String id = open("The kettle is blue");
    assign(id, RunningServer.TOKEN, "dora", null);

    answer(id);
    answer(id);

    assertThat(mails.to("dora@example.com")).isEmpty();
    later(Duration.between(clock.instant(), nextWeekdayNine(clock.instant())).plusMinutes(1));
    List<RecordingStaffMail.Sent> sent = mails.to("dora@example.com");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).subject()).contains("daily digest", "2 notifications");
    assertThat(sent.get(0).text()).contains("The kettle is blue", "/cases/" + id);
    assertThat(sent.get(0).text().split("A customer answered", -1)).hasSize(3);

    answer(id);
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

  private String open(String subject) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Jonas");
    customer.put("last_name", "Berg");
    customer.put("email", "jonas.berg@example.com");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", "bell-drill");
    body.put("subject", subject);
    body.put("message", "Hello, something is wrong with my kettle.");
    body.put("customer", customer);
    RunningServer.Reply reply = server.postJson("/api/v1/cases", RunningServer.TOKEN, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("id").asString();
  }

  private void assign(String id, String token, String assignee, String team) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("assignee", assignee);
    if (team != null) {
      body.put("team", team);
    }
    RunningServer.Reply reply = server.postJson("/api/v1/cases/" + id + "/assignee", token, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  private void answer(String id) throws Exception {
    interaction(id, "inbound", "Any news about my kettle?");
  }

  private void note(String id) throws Exception {
    interaction(id, "note", "Checked the stock.");
  }

  private void interaction(String id, String kind, String text) throws Exception {
    RunningServer.Reply reply =
        server.postJson(
            "/api/v1/cases/" + id + "/interactions",
            RunningServer.TOKEN,
            Map.of("kind", kind, "body", text));
    assertThat(reply.status()).as(reply.body()).isIn(200, 201);
  }

  private List<JsonNode> all(String user) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/notifications", tokens.get(user));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    reply.json().get("items").forEach(items::add);
    return items;
  }

  private List<JsonNode> kind(String user, String kind) throws Exception {
    return all(user).stream().filter(n -> n.get("kind").asString().equals(kind)).toList();
  }

  private List<JsonNode> of(String user, String caseId, String kind) throws Exception {
    return kind(user, kind).stream()
        .filter(n -> caseId.equals(n.get("case_id").asString(null)))
        .toList();
  }

  private ConsoleSession signedIn(String user) throws Exception {
    ConsoleSession session = new ConsoleSession(server.base);
    session.login(user, "secret");
    return session;
  }

  private static String csrf(ConsoleSession session, String path) throws Exception {
    Matcher m = ConsoleSession.CSRF.matcher(session.get(path).body());
    assertThat(m.find()).as("%s carries a CSRF token", path).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> prefs(
      ConsoleSession session,
      String email,
      Map<String, String> deliveries,
      String zone,
      String start,
      String end,
      List<Integer> days,
      boolean hoursOnly)
      throws Exception {
    return prefs(session, email, deliveries, zone, start, end, days, hoursOnly, "");
  }

  /** Posts the preferences form as a browser would, the working days as repeated fields. */
  private HttpResponse<String> prefs(
      ConsoleSession session,
      String email,
      Map<String, String> deliveries,
      String zone,
      String start,
      String end,
      List<Integer> days,
      boolean hoursOnly,
      String calendar)
      throws Exception {
    List<String[]> fields = new ArrayList<>();
    fields.add(new String[] {"calendar", calendar});
    fields.add(new String[] {"_csrf", csrf(session, "/account/notifications")});
    fields.add(new String[] {"email", email});
    for (String kind :
        List.of(
            "case_assigned",
            "customer_answered",
            "sla_warning",
            "team_breach",
            "case_escalated",
            "approval_waiting",
            "draft_waiting",
            "review_due",
            "follow_up_due")) {
      fields.add(new String[] {"delivery." + kind, deliveries.getOrDefault(kind, "console")});
    }
    fields.add(new String[] {"zone", zone});
    fields.add(new String[] {"start", start});
    fields.add(new String[] {"end", end});
    days.forEach(d -> fields.add(new String[] {"day", String.valueOf(d)}));
    if (hoursOnly) {
      fields.add(new String[] {"hoursOnly", "on"});
    }
    String body =
        fields.stream()
            .map(
                f ->
                    URLEncoder.encode(f[0], StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(f[1], StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return session.send(
        HttpRequest.newBuilder(URI.create(server.base + "/account/notifications"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
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
