package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.notifications.NotificationKind;
import io.servicebook.server.security.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * What the notification tests do to a running server: open and assign cases, let the customer
 * answer, read a user's notifications over the API, and fill in a user's notification settings as a
 * browser would. Users sign in with the password {@code secret} ({@link RunningServer#tokenFor}).
 */
final class NotificationDrill {

  final RunningServer server;

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

  /** Each user's API token, by name. */
  final Map<String, String> tokens = new LinkedHashMap<>();

  NotificationDrill(RunningServer server) {
    this.server = server;
  }

  /**
   * Starts a server on the database whose time is {@code clock} and whose staff mails {@code mails}
   * records, with the drill's users (agents ann, bob, lena, mia, hal, dora; supervisors sue and
   * sam; reviewer rita; author otto), lena as lead of team {@code kettles}, and the drill's
   * protocols.
   */
  static NotificationDrill start(
      Path dataDir, Map<String, String> database, SettableClock clock, RecordingStaffMail mails)
      throws Exception {
    RunningServer server =
        RunningServer.start(
            dataDir,
            database,
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
    NotificationDrill drill = new NotificationDrill(server);
    for (String agent : List.of("ann", "bob", "lena", "mia", "hal", "dora")) {
      drill.tokens.put(agent, server.tokenFor(agent, Role.AGENT));
    }
    drill.tokens.put("sue", server.tokenFor("sue", Role.SUPERVISOR));
    drill.tokens.put("sam", server.tokenFor("sam", Role.SUPERVISOR));
    drill.tokens.put("rita", server.tokenFor("rita", Role.REVIEWER));
    drill.tokens.put("otto", server.tokenFor("otto", Role.AUTHOR));
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(
                Map.of("bell-drill.yaml", BELL_DRILL, "review-drill.yaml", REVIEW_DRILL)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    return drill;
  }

  /** Opens a case of the drill's protocol, {@code bell-drill}. */
  String open(String subject) throws Exception {
    return open("bell-drill", subject);
  }

  String open(String category, String subject) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Jonas");
    customer.put("last_name", "Berg");
    customer.put("email", "jonas.berg@example.com");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", category);
    body.put("subject", subject);
    body.put("message", "Hello, something is wrong with my kettle.");
    body.put("customer", customer);
    RunningServer.Reply reply = server.postJson("/api/v1/cases", RunningServer.TOKEN, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("id").asString();
  }

  void assign(String id, String token, String assignee, String team) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("assignee", assignee);
    if (team != null) {
      body.put("team", team);
    }
    RunningServer.Reply reply = server.postJson("/api/v1/cases/" + id + "/assignee", token, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  void answer(String id) throws Exception {
    interaction(id, "inbound", "Any news about my kettle?");
  }

  void note(String id) throws Exception {
    interaction(id, "note", "Checked the stock.");
  }

  void interaction(String id, String kind, String text) throws Exception {
    RunningServer.Reply reply =
        server.postJson(
            "/api/v1/cases/" + id + "/interactions",
            RunningServer.TOKEN,
            Map.of("kind", kind, "body", text));
    assertThat(reply.status()).as(reply.body()).isIn(200, 201);
  }

  List<JsonNode> all(String user) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/notifications", tokens.get(user));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    reply.json().get("items").forEach(items::add);
    return items;
  }

  List<JsonNode> kind(String user, String kind) throws Exception {
    return all(user).stream().filter(n -> n.get("kind").asString().equals(kind)).toList();
  }

  List<JsonNode> of(String user, String caseId, String kind) throws Exception {
    return kind(user, kind).stream()
        .filter(n -> caseId.equals(n.get("case_id").asString(null)))
        .toList();
  }

  ConsoleSession signedIn(String user) throws Exception {
    ConsoleSession session = new ConsoleSession(server.base);
    session.login(user, "secret");
    return session;
  }

  static String csrf(ConsoleSession session, String path) throws Exception {
    Matcher m = ConsoleSession.CSRF.matcher(session.get(path).body());
    assertThat(m.find()).as("%s carries a CSRF token", path).isTrue();
    return m.group(1);
  }

  HttpResponse<String> prefs(
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
  HttpResponse<String> prefs(
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
    // the page asks for every kind, as a browser would send it
    for (NotificationKind each : NotificationKind.values()) {
      String kind = each.key();
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
}
