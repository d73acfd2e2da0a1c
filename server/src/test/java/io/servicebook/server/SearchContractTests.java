package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.channels.CaseReferences;
import io.servicebook.server.search.SearchIndex;
import io.servicebook.server.security.Role;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The search over real HTTP on every database (H2 with Lucene: {@link H2SearchIntegrationTests};
 * PostgreSQL's full-text search: {@link PostgresSearchIntegrationTests}): words in their other
 * forms per the customer's language, customers by phone and address, captured values, the case's
 * reference, marks, filters, paging, refusals of bad input and of roles that may not search.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SearchContractTests {

  RunningServer server;
  String agent;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) {
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of("servicebook.protocols", ServerContractTests.STARTER_PACK.toString()));
    agent = server.tokenFor("searcher", Role.AGENT);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- helpers ---

  JsonNode open(
      String subject, String message, String language, String email, String phone, String channel)
      throws Exception {
    return open(subject, message, language, email, phone, channel, "question");
  }

  JsonNode open(
      String subject,
      String message,
      String language,
      String email,
      String phone,
      String channel,
      String category)
      throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Jana");
    customer.put("last_name", "Weber");
    customer.put("email", email);
    if (phone != null) {
      customer.put("phone", phone);
    }
    customer.put("language", language);
    customer.put("tier", "standard");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", channel);
    body.put("category", category);
    body.put("subject", subject);
    body.put("message", message);
    body.put("customer", customer);
    RunningServer.Reply reply = server.postJson("/api/v1/cases", RunningServer.TOKEN, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  String open(String subject, String message, String language) throws Exception {
    return open(subject, message, language, "someone@example.com", null, "email")
        .get("id")
        .asString();
  }

  RunningServer.Reply search(String query) throws Exception {
    return server.get("/api/v1/search?" + query, agent);
  }

  static String q(String words) {
    return "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
  }

  List<String> caseIds(String query) throws Exception {
    RunningServer.Reply reply = search(query);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    reply.json().get("cases").forEach(c -> ids.add(c.get("id").asString()));
    return ids;
  }

  // --- languages ---

  @Test
  void germanWordsAreFoundInTheirOtherFormsOnAGermanCustomersCase() throws Exception {
    String id = open("Rechnung doppelt abgebucht", "Meine Rechnungen kamen zweimal.", "de-DE");
    String english = open("Rechnungen", "An English customer wrote a German word.", "en");

    assertThat(caseIds(q("Rechnungen doppelt"))).contains(id);
    assertThat(caseIds(q("rechnung"))).contains(id).doesNotContain(english);
    assertThat(caseIds(q("Rechnungen"))).as("not stemmed as German").contains(id, english);
    assertThat(caseIds(q("Rechnung zweimal"))).as("both words, subject and message").contains(id);
    assertThat(caseIds(q("Rechnung dreimal"))).as("every word must be there").doesNotContain(id);
  }

  @Test
  void spanishWordsAreFoundInTheirOtherFormsOnASpanishCustomersCase() throws Exception {
    String id = open("Zapatos rotos", "Los zapatos llegaron rotos y quiero devolverlos.", "es");

    assertThat(caseIds(q("zapato roto"))).contains(id);
    assertThat(caseIds(q("llegó devolver"))).as("llegar, devolver").contains(id);
    assertThat(caseIds(q("zapato sandalias"))).as("a word the case has not").doesNotContain(id);
  }

  // --- customers, captured values, references ---

  @Test
  void aCustomerIsFoundByPhoneAsWrittenOtherwiseAndByAddress() throws Exception {
    String id =
        open(
                "Hello",
                "A call back please",
                "en",
                "lena.vogt@example.org",
                "+49 170 5550123",
                "phone")
            .get("id")
            .asString();

    RunningServer.Reply byPhone = search(q("+49 (170) 555-0123"));
    assertThat(byPhone.status()).isEqualTo(200);
    assertThat(byPhone.json().get("customers").findValuesAsString("id")).hasSize(1);
    assertThat(byPhone.json().get("customers").get(0).at("/contact/text").asString())
        .contains("lena.vogt@example.org", "+49");
    assertThat(byPhone.json().get("cases").findValuesAsString("id")).contains(id);

    RunningServer.Reply byAddress = search(q("lena.vogt@example.org"));
    assertThat(byAddress.json().get("customers")).hasSize(1);
    assertThat(byAddress.json().get("cases").findValuesAsString("id")).contains(id);
  }

  @Test
  void aCapturedValueSuchAsAnOrderNumberFindsItsCase() throws Exception {
    JsonNode created =
        open(
            "The kettle arrived broken",
            "The lid is cracked.",
            "en",
            "ana@example.com",
            null,
            "email",
            "return");
    String run = created.at("/run/id").asString();
    assertThat(run).as("the starter pack's return protocol runs").isNotEmpty();
    assertThat(step(run, "greet", Map.of()).status()).isEqualTo(200);
    RunningServer.Reply gathered =
        step(
            run,
            "gather",
            Map.of(
                "fields",
                Map.of(
                    "order_number",
                    "ORD-778899",
                    "purchase_date",
                    "2026-01-15",
                    "reason",
                    "damaged")));
    assertThat(gathered.status()).as(gathered.body()).isEqualTo(200);
    String id = created.get("id").asString();

    assertThat(caseIds(q("ORD-778899"))).containsExactly(id);
    assertThat(caseIds(q("778899"))).containsExactly(id);
    RunningServer.Reply marked = search(q("ORD-778899"));
    JsonNode snippet = marked.json().get("cases").get(0).get("snippet");
    assertThat(marked(snippet)).contains("778899");
  }

  RunningServer.Reply step(String run, String step, Map<String, Object> body) throws Exception {
    return server.postJson("/api/v1/runs/" + run + "/steps/" + step, RunningServer.TOKEN, body);
  }

  @Test
  void theCasesReferenceAndIdFindIt() throws Exception {
    String id = open("Parcel", "Where is my parcel?", "en");
    String reference = server.bean(CaseReferences.class).token(id).orElseThrow();

    assertThat(caseIds(q(reference))).containsExactly(id);
    assertThat(caseIds(q(reference.toLowerCase()))).containsExactly(id);
    RunningServer.Reply reply = search(q(reference));
    assertThat(reply.json().get("cases").get(0).get("reference").asString()).isEqualTo(reference);
  }

  @Test
  void protocolsAreFoundByTitleAndId() throws Exception {
    RunningServer.Reply byTitle = search(q("returns refunds"));
    assertThat(byTitle.json().get("protocols").findValuesAsString("slug"))
        .contains("return-and-refund");
    RunningServer.Reply byId = search(q("return-and-refund"));
    assertThat(byId.json().get("protocols").findValuesAsString("slug"))
        .contains("return-and-refund");
  }

  // --- marks, order, paging, filters ---

  /** The marked parts of a text, joined by "|". */
  static String marked(JsonNode node) {
    String text = node.get("text").asString();
    List<String> parts = new ArrayList<>();
    node.get("marks").forEach(m -> parts.add(text.substring(m.get(0).asInt(), m.get(1).asInt())));
    return String.join("|", parts);
  }

  @Test
  void theMatchedWordsAreMarkedInSubjectAndSnippet() throws Exception {
    open("Falsche Lieferungen", "Die Lieferung war falsch, bitte prüfen.", "de");

    JsonNode hit = search(q("lieferung falsch")).json().get("cases").get(0);
    assertThat(marked(hit.get("subject"))).isEqualTo("Falsche|Lieferungen");
    assertThat(marked(hit.get("snippet"))).isEqualTo("Lieferung|falsch");
  }

  @Test
  void casesComeNewestFirstAPageAtATime() throws Exception {
    List<String> opened = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      opened.add(open("Quokka question " + i, "About the quokka.", "en"));
    }
    List<String> newestFirst = opened.reversed();

    RunningServer.Reply first = search(q("quokka"));
    assertThat(first.json().get("next_page").asInt()).isEqualTo(2);
    assertThat(first.json().get("cases").findValuesAsString("id"))
        .containsExactlyElementsOf(newestFirst.subList(0, 20));
    RunningServer.Reply second = search(q("quokka") + "&page=2");
    assertThat(second.json().get("next_page").isNull()).isTrue();
    assertThat(second.json().get("cases").findValuesAsString("id"))
        .containsExactlyElementsOf(newestFirst.subList(20, 23));
  }

  @Test
  void filtersNarrowTheCasesAndAreEchoed() throws Exception {
    String mail =
        open("Wombat by mail", "wombat", "en", "w@example.com", null, "email").get("id").asString();
    String chat =
        open("Wombat by chat", "wombat", "en", "w@example.com", null, "chat").get("id").asString();

    assertThat(caseIds(q("wombat"))).containsExactlyInAnyOrder(mail, chat);
    assertThat(caseIds(q("wombat") + "&channel=chat")).containsExactly(chat);
    assertThat(caseIds(q("wombat") + "&status=new")).containsExactlyInAnyOrder(mail, chat);
    assertThat(caseIds(q("wombat") + "&status=resolved")).isEmpty();
    assertThat(caseIds(q("wombat") + "&team=nobody")).isEmpty();
    assertThat(caseIds(q("wombat") + "&from=2000-01-01&to=2000-12-31")).isEmpty();
    assertThat(caseIds(q("wombat") + "&from=2000-01-01")).hasSize(2);
    assertThat(search(q("wombat") + "&channel=chat").json().at("/filters/channel").asString())
        .isEqualTo("chat");
  }

  @Test
  void aChangedCaseIsFoundByItsNewWords() throws Exception {
    String id = open("Platypus", "first words", "en");
    RunningServer.Reply added =
        server.postJson(
            "/api/v1/cases/" + id + "/interactions",
            RunningServer.TOKEN,
            Map.of("kind", "inbound", "body", "Echidna spines everywhere"));
    assertThat(added.status()).as(added.body()).isLessThan(300);

    assertThat(caseIds(q("echidna spine"))).containsExactly(id);
  }

  @Test
  void casesStoredBeforeTheIndexAreIndexedByTheBackfill() throws Exception {
    String id = open("Narwhal tusk", "narwhal", "en");
    JdbcClient jdbc = server.bean(JdbcClient.class);
    jdbc.sql("DELETE FROM search_entry WHERE ref_id = :id").param("id", id).update();

    server.bean(SearchIndex.class).backfill();

    assertThat(
            jdbc.sql("SELECT title FROM search_entry WHERE kind = 'case' AND ref_id = :id")
                .param("id", id)
                .query(String.class)
                .single())
        .isEqualTo("Narwhal tusk");
    assertThat(caseIds(q("narwhal"))).containsExactly(id);
  }

  // --- refusals ---

  @Test
  void badInputIsRefusedAsAProblemNamingEveryParameter() throws Exception {
    RunningServer.Reply empty = search("q=%20");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.contentType()).startsWith("application/problem+json");
    assertThat(empty.json().get("type").asString()).endsWith("/invalid-search");
    assertThat(empty.json().get("errors").findValuesAsString("field")).containsExactly("q");

    RunningServer.Reply many =
        search(
            q("x".repeat(201))
                + "&status=lost&channel=pigeon&from=yesterday&to=2026-13-01&page=0&team="
                + "t".repeat(101));
    assertThat(many.status()).isEqualTo(400);
    assertThat(many.json().get("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("q", "status", "channel", "from", "to", "page", "team");

    RunningServer.Reply backwards = search(q("x") + "&from=2026-02-01&to=2026-01-01");
    assertThat(backwards.json().get("errors").findValuesAsString("field")).containsExactly("to");
  }

  @Test
  void agentsSupervisorsAndAdminsSearchOthersMayNot() throws Exception {
    assertThat(search(q("anything")).status()).isEqualTo(200);
    assertThat(server.get("/api/v1/search?q=x", server.tokenFor("sue", Role.SUPERVISOR)).status())
        .isEqualTo(200);
    assertThat(server.get("/api/v1/search?q=x", RunningServer.TOKEN).status()).isEqualTo(200);
    assertThat(server.get("/api/v1/search?q=x", server.tokenFor("otto", Role.AUTHOR)).status())
        .isEqualTo(403);
    assertThat(server.get("/api/v1/search?q=x", null).status()).isEqualTo(401);
  }

  // --- the page ---

  @Test
  void thePageGroupsMarksAndEscapesWhatCustomersWrote() throws Exception {
    String id = open("<b>Axolotl</b> & friends", "<script>alert(1)</script> axolotl", "en");
    server.tokenFor("pia", Role.AGENT);
    ConsoleSession console = new ConsoleSession(server.base);
    console.login("pia", "secret");

    HttpResponse<String> page = console.get("/search?q=axolotl&channel=email");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("data-case=\"" + id + "\"")
        .contains("&lt;b&gt;<mark>Axolotl</mark>&lt;/b&gt; &amp; friends")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; <mark>axolotl</mark>")
        .doesNotContain("<script>alert(1)")
        .contains("value=\"axolotl\"")
        .containsPattern("<option value=\"email\" selected");

    HttpResponse<String> bad = console.get("/search?q=axolotl&status=lost");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id=\"search-errors\"", "data-field=\"status\"");
  }
}
