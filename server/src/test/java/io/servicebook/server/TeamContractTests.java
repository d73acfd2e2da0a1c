package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Teams and the escalation ladder over real HTTP on every database (H2: {@link
 * H2TeamIntegrationTests}, PostgreSQL: {@link PostgresTeamIntegrationTests}): the teams API and the
 * admin page with their validation and refusals, breaches reaching a team's leads from the model,
 * an edited ladder that escalations follow, and actions naming nobody reported on import and in the
 * editor. The server is {@link NotificationDrill}'s (agents ann, bob, lena, mia; lena leads team
 * {@code kettles} by property only).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TeamContractTests {

  private static final Pattern FIELD_ERROR =
      Pattern.compile("id=\"([a-z0-9-]+)-error\"[^>]*>([^<]+)<");

  RunningServer server;
  SettableClock clock;
  NotificationDrill drill;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    clock = new SettableClock(NotificationDrill.START);
    drill = NotificationDrill.start(dataDir, database(), clock, new RecordingStaffMail());
    server = drill.server;
    drill.tokens.put("ada", server.tokenFor("ada", Role.ADMIN));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- the API ---

  @Test
  void adminsCreateAndChangeTeamsEveryoneReadsThem() throws Exception {
    RunningServer.Reply created =
        server.put(
            "/api/v1/teams/teapots",
            RunningServer.TOKEN,
            team("Teapots", member("ann", false), member("bob", true)));
    RunningServer.Reply changed =
        server.put(
            "/api/v1/teams/teapots",
            RunningServer.TOKEN,
            team("Teapots and cups", member("bob", true), member("hal", true)));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("leads").toString()).isEqualTo("[\"bob\"]");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    JsonNode read = server.get("/api/v1/teams/teapots", drill.tokens.get("ann")).json();
    assertThat(read.get("name").asString()).isEqualTo("Teapots and cups");
    assertThat(read.get("members").findValuesAsString("username")).containsExactly("bob", "hal");
    JsonNode list = server.get("/api/v1/teams", drill.tokens.get("ann")).json();
    assertThat(list.get("items").findValuesAsString("key")).contains("teapots");
    List<AuditLog.Entry> audited = server.bean(AuditLog.class).entries("team", "teapots");
    assertThat(audited)
        .extracting(AuditLog.Entry::eventType)
        .containsExactly("team.created", "team.changed");
    assertThat(audited.get(1).details()).contains("\"joined\":[\"hal\"]", "\"left\":[\"ann\"]");
    assertThat(server.get("/api/v1/teams/nope", RunningServer.TOKEN).status()).isEqualTo(404);
  }

  @Test
  void anInvalidTeamNamesEveryFieldAndStoresNothing() throws Exception {
    Map<String, Object> body = team("", member("anx", false), member("bob", false));
    ((List<Map<String, Object>>) body.get("members")).add(Map.of("username", "bob", "lead", "yes"));

    RunningServer.Reply badKey = server.put("/api/v1/teams/Bad%20Key", RunningServer.TOKEN, body);
    RunningServer.Reply asLevel =
        server.put("/api/v1/teams/supervisor", RunningServer.TOKEN, team("Sup"));

    assertThat(badKey.status()).isEqualTo(400);
    assertThat(badKey.contentType()).startsWith("application/problem+json");
    assertThat(badKey.json().get("errors").findValuesAsString("field"))
        .containsExactly("members[2].lead");
    RunningServer.Reply fields =
        server.put(
            "/api/v1/teams/Bad%20Key",
            RunningServer.TOKEN,
            team("", member("anx", false), member("bob", false), member("bob", true)));
    assertThat(fields.status()).isEqualTo(400);
    assertThat(fields.json().get("errors").findValuesAsString("field"))
        .containsExactly("key", "name", "members[0].username", "members[2].username");
    assertThat(fields.body()).contains("did you mean `ann`?", "listed twice");
    assertThat(asLevel.status()).isEqualTo(400);
    assertThat(asLevel.json().get("errors").get(0).get("message").asString()).contains("role");
    assertThat(server.get("/api/v1/teams", RunningServer.TOKEN).body()).doesNotContain("Bad Key");
  }

  @Test
  void onlyAdminsChangeTeamsAndTheLadder() throws Exception {
    String agent = drill.tokens.get("ann");
    String supervisor = drill.tokens.get("sue");
    assertThat(server.put("/api/v1/teams/mine", agent, team("Mine")).status()).isEqualTo(403);
    assertThat(server.put("/api/v1/teams/mine", supervisor, team("Mine")).status()).isEqualTo(403);
    assertThat(server.put("/api/v1/teams/mine", null, team("Mine")).status()).isEqualTo(401);
    assertThat(
            server
                .put("/api/v1/escalation-ladder", supervisor, Map.of("levels", List.of()))
                .status())
        .isEqualTo(403);
    assertThat(server.get("/api/v1/teams/mine", RunningServer.TOKEN).status()).isEqualTo(404);

    ConsoleSession ann = drill.signedIn("ann");
    assertThat(ann.get("/admin/teams").statusCode()).isEqualTo(403);
    String token = NotificationDrill.csrf(ann, "/account/notifications");
    assertThat(
            ann.post(
                    "/admin/teams", Map.of("key", "mine", "name", "Mine", "_csrf", token), Map.of())
                .statusCode())
        .isEqualTo(403);
    assertThat(server.get("/api/v1/teams/mine", RunningServer.TOKEN).status()).isEqualTo(404);
  }

  // --- notifications from the model ---

  @Test
  void aBreachReachesTheLeadsOfTheTeamModelAndTheConfiguredLeadsOtherwise() throws Exception {
    server.put(
        "/api/v1/teams/spouts",
        RunningServer.TOKEN,
        team("Spouts", member("mia", true), member("dora", false)));
    String modelled = drill.open("The spout drips");
    drill.assign(modelled, RunningServer.TOKEN, "ann", "spouts");
    String configured = drill.open("The lid sticks");
    drill.assign(configured, RunningServer.TOKEN, "ann", "kettles");

    clock.advance(Duration.ofMinutes(61));
    DueTimers.run(server, clock);

    assertThat(drill.of("mia", modelled, "team_breach")).hasSize(1);
    assertThat(drill.of("dora", modelled, "team_breach")).isEmpty();
    assertThat(drill.of("lena", modelled, "team_breach")).isEmpty();
    assertThat(drill.of("lena", configured, "team_breach")).hasSize(1);
    assertThat(drill.of("mia", configured, "team_breach")).isEmpty();
  }

  // --- the ladder ---

  @Test
  void theLadderIsValidatedAndEscalationsFollowTheEditedOne() throws Exception {
    server.put(
        "/api/v1/teams/escalation-desk",
        RunningServer.TOKEN,
        team("Escalation desk", member("lena", true), member("bob", false)));
    String before = server.get("/api/v1/escalation-ladder", RunningServer.TOKEN).body();
    assertThat(before).contains("team_lead");

    RunningServer.Reply empty =
        server.put("/api/v1/escalation-ladder", RunningServer.TOKEN, Map.of("levels", List.of()));
    RunningServer.Reply wrong =
        server.put(
            "/api/v1/escalation-ladder",
            RunningServer.TOKEN,
            Map.of(
                "levels",
                List.of(
                    level("agent", "Agent"),
                    level("agent", "", "supervsor"),
                    level("Desk Lead", "Desk lead"),
                    level("escalation-desk", "Desk"))));

    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("errors").findValuesAsString("field")).containsExactly("levels");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().get("errors").findValuesAsString("field"))
        .containsExactly(
            "levels[1].key",
            "levels[1].name",
            "levels[1].notify",
            "levels[2].key",
            "levels[3].key");
    assertThat(wrong.body()).contains("did you mean `supervisor`?");
    assertThat(server.get("/api/v1/escalation-ladder", RunningServer.TOKEN).body())
        .isEqualTo(before);

    RunningServer.Reply saved =
        server.put(
            "/api/v1/escalation-ladder",
            RunningServer.TOKEN,
            Map.of(
                "levels",
                List.of(
                    level("agent", "Agent"),
                    level("desk_lead", "Desk lead", "escalation-desk"),
                    level("director", "Director", "admin", "sue"))));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    String id = drill.open("The handle came off");
    RunningServer.Reply up =
        server.postJson(
            "/api/v1/cases/" + id + "/escalations",
            drill.tokens.get("ann"),
            Map.of("reason", "the customer asks for more"));
    RunningServer.Reply top =
        server.postJson(
            "/api/v1/cases/" + id + "/escalations",
            drill.tokens.get("ann"),
            Map.of("reason", "still more"));
    RunningServer.Reply beyond =
        server.postJson(
            "/api/v1/cases/" + id + "/escalations",
            drill.tokens.get("ann"),
            Map.of("reason", "and more"));

    assertThat(up.status()).as(up.body()).isEqualTo(201);
    assertThat(up.json().get("to").asString()).isEqualTo("desk_lead");
    assertThat(top.json().get("to").asString()).isEqualTo("director");
    assertThat(beyond.status()).isEqualTo(422);
    assertThat(drill.of("lena", id, "case_escalated")).hasSize(1);
    assertThat(drill.of("bob", id, "case_escalated")).isEmpty();
    assertThat(drill.of("sue", id, "case_escalated")).hasSize(1);
    assertThat(server.bean(AuditLog.class).entries("escalation_ladder", "ladder"))
        .extracting(AuditLog.Entry::eventType)
        .contains("escalation.ladder_changed");
    // a team may not take a level's key, so `escalate: desk_lead` stays unambiguous
    assertThat(server.put("/api/v1/teams/desk_lead", RunningServer.TOKEN, team("D")).status())
        .isEqualTo(400);
    restoreStandardLadder();
  }

  // --- the admin page ---

  @Test
  void theAdminPageCreatesTeamsAddsMembersMarksLeadsAndEditsTheLadder() throws Exception {
    ConsoleSession admin = drill.signedIn("ada");
    HttpResponse<String> page = admin.get("/admin/teams");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"ladder-form\"", "value=\"team_lead\"", "id=\"new-team\"");
    String token = NotificationDrill.csrf(admin, "/admin/teams");

    HttpResponse<String> bad =
        admin.post("/admin/teams", Map.of("key", "Big Team", "name", "", "_csrf", token), Map.of());
    HttpResponse<String> noCsrf =
        admin.post("/admin/teams", Map.of("key", "cups", "name", "Cups"), Map.of());
    HttpResponse<String> created =
        admin.post("/admin/teams", Map.of("key", "cups", "name", "Cups", "_csrf", token), Map.of());
    HttpResponse<String> added =
        admin.post(
            "/admin/teams/cups/members", Map.of("username", "hal", "_csrf", token), Map.of());
    HttpResponse<String> lead =
        admin.post(
            "/admin/teams/cups/members/hal/lead", Map.of("lead", "true", "_csrf", token), Map.of());
    admin.post(
        "/admin/teams/cups/members",
        Map.of("username", "mia", "lead", "true", "_csrf", token),
        Map.of());
    HttpResponse<String> removed =
        admin.post("/admin/teams/cups/members/mia/remove", Map.of("_csrf", token), Map.of());

    assertThat(bad.statusCode()).isEqualTo(200);
    Map<String, String> errors = fieldErrors(bad.body());
    assertThat(errors).containsKeys("team-new-key", "team-new-name");
    assertThat(errors.get("team-new-key")).contains("Big Team");
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(created.statusCode()).isEqualTo(302);
    assertThat(added.statusCode()).isEqualTo(302);
    assertThat(lead.statusCode()).isEqualTo(302);
    assertThat(removed.statusCode()).isEqualTo(302);
    JsonNode cups = server.get("/api/v1/teams/cups", RunningServer.TOKEN).json();
    assertThat(cups.get("members").findValuesAsString("username")).containsExactly("hal");
    assertThat(cups.get("leads").toString()).isEqualTo("[\"hal\"]");
    assertThat(server.bean(AuditLog.class).entries("team", "cups"))
        .extracting(AuditLog.Entry::actor)
        .containsOnly("ada")
        .hasSize(5);
    assertThat(admin.get("/admin/teams").body()).contains("id=\"team-cups-member-hal\"");

    HttpResponse<String> badLadder =
        admin.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.base + "/admin/teams/ladder"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "_csrf="
                            + java.net.URLEncoder.encode(
                                token, java.nio.charset.StandardCharsets.UTF_8)
                            + "&key=agent&name=Agent&notify="
                            + "&key=team_lead&name=Team+lead&notify=supervisors"
                            + "&key=&name=&notify=")));
    assertThat(badLadder.statusCode()).isEqualTo(200);
    assertThat(fieldErrors(badLadder.body()).get("level-1-notify"))
        .contains("supervisors", "did you mean `supervisor`?");
    assertThat(server.get("/api/v1/escalation-ladder", RunningServer.TOKEN).body())
        .contains("manager");

    HttpResponse<String> goodLadder =
        admin.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.base + "/admin/teams/ladder"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "_csrf="
                            + java.net.URLEncoder.encode(
                                token, java.nio.charset.StandardCharsets.UTF_8)
                            + "&key=agent&name=Agent&notify="
                            + "&key=team_lead&name=Team+lead&notify=supervisor%2C+cups"
                            + "&key=supervisor&name=Supervisor&notify=supervisor"
                            + "&key=&name=&notify=")));
    assertThat(goodLadder.statusCode()).isEqualTo(302);
    JsonNode ladder = server.get("/api/v1/escalation-ladder", RunningServer.TOKEN).json();
    assertThat(ladder.get("levels").findValuesAsString("key"))
        .containsExactly("agent", "team_lead", "supervisor");
    assertThat(ladder.at("/levels/1/notify").toString()).isEqualTo("[\"supervisor\",\"cups\"]");
    restoreStandardLadder();
  }

  // --- targets in protocols ---

  @Test
  void anImportReportsActionsNamingNobodyWithLineColumnAndSuggestion() throws Exception {
    String protocol =
        NotificationDrill.REVIEW_DRILL
            .replace("protocol: review-drill", "protocol: target-drill")
            .replace("case.category == \"review-drill\"", "case.category == \"target-drill\"")
            .replace("action: {resolve: true}", "action: [{escalate: team-lead}, {resolve: true}]");
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("target-drill.yaml", protocol)));

    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    JsonNode warning = imported.json().get("warnings").get(0);
    assertThat(warning.get("rule").asString()).isEqualTo("unknown-target");
    assertThat(warning.get("file").asString()).isEqualTo("target-drill.yaml");
    int line = lineOf(protocol, "escalate: team-lead");
    assertThat(warning.get("line").asInt()).isEqualTo(line);
    assertThat(warning.get("column").asInt())
        .isEqualTo(protocol.lines().toList().get(line - 1).indexOf("escalate") + 1);
    assertThat(warning.get("message").asString()).contains("did you mean `team_lead`?");

    ConsoleSession author = drill.signedIn("otto");
    String token = NotificationDrill.csrf(author, "/protocols/new");
    HttpResponse<String> check =
        author.post(
            "/protocols/editor/check",
            Map.of("slug", "target-drill", "source", protocol),
            Map.of("X-CSRF-TOKEN", token, "HX-Request", "true"));
    assertThat(check.statusCode()).isEqualTo(200);
    assertThat(check.body()).contains("unknown-target", "did you mean `team_lead`?");
    HttpResponse<String> fixed =
        author.post(
            "/protocols/editor/check",
            Map.of("slug", "target-drill", "source", protocol.replace("team-lead", "team_lead")),
            Map.of("X-CSRF-TOKEN", token, "HX-Request", "true"));
    assertThat(fixed.body()).doesNotContain("unknown-target");
  }

  // --- helpers ---

  private void restoreStandardLadder() throws Exception {
    RunningServer.Reply restored =
        server.put(
            "/api/v1/escalation-ladder",
            RunningServer.TOKEN,
            Map.of(
                "levels",
                List.of(
                    level("agent", "Agent"),
                    level("team_lead", "Team lead", "supervisor"),
                    level("supervisor", "Supervisor", "supervisor"),
                    level("manager", "Manager", "admin"))));
    assertThat(restored.status()).as(restored.body()).isEqualTo(200);
  }

  private static Map<String, Object> team(String name, Map<String, Object>... members) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("members", new ArrayList<>(List.of(members)));
    return body;
  }

  private static Map<String, Object> member(String username, boolean lead) {
    return Map.of("username", username, "lead", lead);
  }

  private static Map<String, Object> level(String key, String name, String... notify) {
    return Map.of("key", key, "name", name, "notify", List.of(notify));
  }

  private static Map<String, String> fieldErrors(String html) {
    Map<String, String> errors = new LinkedHashMap<>();
    Matcher m = FIELD_ERROR.matcher(html);
    while (m.find()) {
      errors.put(m.group(1), m.group(2).replace("&#39;", "'").replace("&quot;", "\""));
    }
    return errors;
  }

  private static int lineOf(String text, String part) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(part)) {
        return i + 1;
      }
    }
    throw new AssertionError(part);
  }
}
