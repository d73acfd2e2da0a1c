package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authoring traps of issue 14 over real HTTP on the demo pack, at a fixed time (Monday 7
 * December 2026, 05:18 in Berlin, before the EU office opens): SLA targets on a business calendar
 * are said in business hours with the due time of a case opened now, counted by the business clock
 * (in English, German and Spanish, on the protocol page and in the editor); the editor's check
 * lists warnings beside errors; the editor's completion data (schema, calendars, fragments) is
 * served to authors only.
 */
class EditorAuthoringTests {

  /** Monday 05:18 in Berlin; the eu-business calendar opens at 09:00, 8 hours a day. */
  private static final ZonedDateTime NOW =
      ZonedDateTime.of(2026, 12, 7, 5, 18, 0, 0, ZoneId.of("Europe/Berlin"));

  private static Path data;
  private static RunningServer server;
  private static String refund;

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("editor-authoring");
    server =
        RunningServer.start(
            data,
            Map.of(),
            Map.of("servicebook.demo", true),
            Clock.fixed(NOW.toInstant(), ZoneId.of("UTC")));
    refund = Files.readString(Path.of("../protocols/return-and-refund.yaml"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ConsoleSession as(String user, String language) throws Exception {
    ConsoleSession session = new ConsoleSession(server.base, language);
    session.login(user, "demo");
    return session;
  }

  private static ConsoleSession as(String user) throws Exception {
    return as(user, "en");
  }

  private static HttpResponse<String> check(ConsoleSession author, String source) throws Exception {
    Matcher m = ConsoleSession.CSRF.matcher(author.get("/protocols/return-and-refund/edit").body());
    assertThat(m.find()).isTrue();
    return author.post(
        "/protocols/editor/check",
        Map.of("slug", "return-and-refund", "source", source),
        Map.of("X-CSRF-TOKEN", m.group(1), "HX-Request", "true"));
  }

  private static String between(String body, String startMarker, String end) {
    int start = body.indexOf(startMarker);
    assertThat(start).as("%s in the page", startMarker).isNotNegative();
    return body.substring(start, body.indexOf(end, start));
  }

  @Test
  void theProtocolPageSaysBusinessHoursAndWhenACaseOpenedNowWouldBeDue() throws Exception {
    String page = as("author").get("/protocols/return-and-refund").body();
    String sla = between(page, "id=\"protocol-sla\"", "</section>");

    // PT24H on eu-business: 24 business hours, not "1d"
    assertThat(sla)
        .contains(">24 business hours<", ">2 business hours<", ">30 business minutes<")
        .doesNotContain(">1d<", ">2h<");
    // Monday 05:18: the office opens at 09:00, so 2 business hours end at 11:00; 24 are three
    // days of 7.5 hours (09:00–12:30, 13:30–17:30) and 1.5 more: Thursday 10:30, as the issue says
    String example = between(sla, "id=\"sla-example\"", "</div>");
    assertThat(example)
        .contains("A case opened now would be due, counting the business hours of the eu-business")
        .contains("First response: 2 business hours, due Mon 7 Dec 2026, 11:00 (Europe/Berlin)")
        .contains("Resolution: 24 business hours, due Thu 10 Dec 2026, 10:30 (Europe/Berlin)")
        .contains("datetime=\"2026-12-07T10:00:00Z\"", "datetime=\"2026-12-10T09:30:00Z\"");
    // and the flowchart's SLA chips say the same
    assertThat(between(page, "id=\"protocol-flowchart\"", "</section>"))
        .contains("first response 2 business hours", "resolution 24 business hours");
  }

  @Test
  void aCalendarOpenAroundTheClockKeepsClockTime() throws Exception {
    String page = as("author").get("/protocols/outage-communication").body();
    String sla = between(page, "id=\"protocol-sla\"", "</section>");
    assertThat(sla).contains(">30m<", ">2d<").doesNotContain("business hour");
    assertThat(between(sla, "id=\"sla-example\"", "</div>"))
        .contains("A case opened now would be due:")
        .contains("First response: 30m, due Mon 7 Dec 2026, 04:48 (UTC)");
  }

  @Test
  void germanAndSpanishSayBusinessHoursToo() throws Exception {
    String german =
        between(
            as("author", "de-DE,de;q=0.9").get("/protocols/return-and-refund").body(),
            "id=\"protocol-sla\"",
            "</section>");
    assertThat(german)
        .contains(">24 Geschäftsstunden<", ">2 Geschäftsstunden<", ">30 Geschäftsminuten<")
        .contains("Ein jetzt eröffneter Fall wäre fällig")
        .contains("24 Geschäftsstunden, fällig Do. 10 Dez. 2026, 10:30 (Europe/Berlin)");
    String spanish =
        between(
            as("author", "es-ES,es;q=0.9").get("/protocols/return-and-refund").body(),
            "id=\"protocol-sla\"",
            "</section>");
    assertThat(spanish)
        .contains(">24 horas laborables<", ">30 minutos laborables<")
        .contains("Un caso abierto ahora vencería")
        .contains("24 horas laborables, vence el ");
  }

  @Test
  void theEditorsPreviewSaysBusinessHoursWithTheExampleDueTime() throws Exception {
    HttpResponse<String> checked = check(as("author"), refund);
    assertThat(checked.statusCode()).isEqualTo(200);
    assertThat(checked.body())
        .contains("id=\"editor-sla\"")
        .contains("Resolution: 24 business hours, due Thu 10 Dec 2026, 10:30 (Europe/Berlin)")
        .contains("first response 2 business hours")
        .doesNotContain("24 h<");
  }

  @Test
  void theCheckShowsWarningsWhileThereAreErrors() throws Exception {
    // a missing German script (a warning) and a misspelt step (an error) in the same text
    String germanLine =
        "      de: 'Könnten Sie mir Ihre Bestellnummer nennen und kurz beschreiben, was mit dem"
            + " Artikel nicht stimmt?'\n";
    assertThat(refund).contains(germanLine);
    String both = refund.replace(germanLine, "").replace("goto: our-mistake", "goto: our-mistak");
    String body = check(as("author"), both).body();
    assertThat(body).contains("finding finding-error", "finding finding-warning");
    assertThat(body).contains("data-rule=\"missing-script\"");
    assertThat(body).contains("1 error · 1 warning").doesNotContain("no warnings");
    assertThat(body)
        .as("no noise from the misspelt step: the step behind it is not called unreachable")
        .doesNotContain("data-rule=\"unreachable-step\"");

    // the warning alone, once the error is fixed: the same warning
    String warningOnly = check(as("author"), refund.replace(germanLine, "")).body();
    assertThat(warningOnly).contains("no errors · 1 warning", "data-rule=\"missing-script\"");
  }

  @Test
  void authorsGetTheSchemaAndThePacksCalendarsAndFragmentsForCompletion() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ConsoleSession author = as("author");
    HttpResponse<String> schema = author.get("/protocols/editor/schema");
    assertThat(schema.statusCode()).isEqualTo(200);
    assertThat(schema.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    JsonNode s = json.readTree(schema.body());
    assertThat(s.path("properties").has("steps")).isTrue();
    assertThat(s.path("$defs").has("stepId")).isTrue();

    HttpResponse<String> pack = author.get("/protocols/editor/pack");
    assertThat(pack.statusCode()).isEqualTo(200);
    JsonNode p = json.readTree(pack.body());
    List<String> calendars = new ArrayList<>();
    p.path("calendars").forEach(c -> calendars.add(c.asText()));
    List<String> fragments = new ArrayList<>();
    p.path("fragments").forEach(f -> fragments.add(f.asText()));
    assertThat(calendars).containsExactly("always-open", "eu-business", "us-business");
    assertThat(fragments).contains("greeting");

    for (String path : List.of("/protocols/editor/schema", "/protocols/editor/pack")) {
      assertThat(as("agent").get(path).statusCode()).as(path).isEqualTo(403);
      assertThat(new ConsoleSession(server.base).get(path).statusCode())
          .as("%s without a session goes to the login", path)
          .isEqualTo(302);
    }
  }

  @Test
  void theEditorPageLoadsCodeMirrorAndKeepsTheTextareaForBrowsersWithoutJavaScript()
      throws Exception {
    String page = as("author").get("/protocols/return-and-refund/edit").body();
    assertThat(page)
        .contains("<textarea id=\"source\" name=\"source\"")
        .contains("src=\"/static/editor/codemirror.js\"", "src=\"/static/protocol-editor.js\"")
        .contains("data-schema-url=\"/protocols/editor/schema\"")
        .contains("data-pack-url=\"/protocols/editor/pack\"");
    HttpResponse<String> bundle =
        new ConsoleSession(server.base).get("/static/editor/codemirror.js");
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.body()).startsWith("/*! CodeMirror 6").contains("ServicebookCodeMirror");
  }
}
