package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The protocol editor over real HTTP on the demo pack: an author opens a protocol, the live check
 * names the line of an error, a text with errors is not saved, a good one becomes a draft that a
 * reviewer other than the author publishes (four eyes); new protocols, renames, stale drafts and
 * pack uploads; agents may not edit.
 */
class ProtocolEditorTests {

  private static final Pattern DRAFT = Pattern.compile("/protocols/drafts/(\\d+)$");
  private static final Pattern ERROR_LINE =
      Pattern.compile("class=\"finding finding-error\" data-line=\"(\\d+)\"");

  private static Path data;
  private static RunningServer server;
  private static String refund;

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("protocol-editor");
    server = RunningServer.start(data, Map.of(), Map.of("servicebook.demo", true));
    refund = Files.readString(Path.of("../protocols/return-and-refund.yaml"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ConsoleSession as(String user) throws Exception {
    ConsoleSession session = new ConsoleSession(server.base);
    session.login(user, "demo");
    return session;
  }

  /** The CSRF token of a page, as its forms carry it. */
  private static String csrf(ConsoleSession session, String path) throws Exception {
    Matcher m = ConsoleSession.CSRF.matcher(session.get(path).body());
    assertThat(m.find()).as("%s carries a CSRF token", path).isTrue();
    return m.group(1);
  }

  private static HttpResponse<String> save(ConsoleSession s, String path, String source)
      throws Exception {
    return s.post(path, Map.of("source", source, "_csrf", csrf(s, path)), Map.of());
  }

  private static long draftId(HttpResponse<String> saved) {
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    Matcher m = DRAFT.matcher(saved.headers().firstValue("Location").orElseThrow());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static int lineOf(String text, String needle) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line with " + needle);
  }

  @Test
  void theEditorOpensWithThePublishedTextAndNumberedLines() throws Exception {
    HttpResponse<String> page = as("author").get("/protocols/return-and-refund/edit");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"source\"", "protocol: return-and-refund", "id=\"editor-gutter\"")
        .contains("data-line=\"" + refund.lines().count() + "\"")
        .contains("id=\"editor-flowchart\"", "<svg")
        .contains("id=\"lint-status\"");
  }

  @Test
  void theLiveCheckNamesTheLineOfAnError() throws Exception {
    ConsoleSession author = as("author");
    String token = csrf(author, "/protocols/return-and-refund/edit");
    String broken = refund.replace("goto: our-mistake", "goto: our-mistak");
    HttpResponse<String> check =
        author.post(
            "/protocols/editor/check",
            Map.of("slug", "return-and-refund", "source", broken),
            Map.of("X-CSRF-TOKEN", token, "HX-Request", "true"));
    assertThat(check.statusCode()).isEqualTo(200);
    assertThat(check.body()).doesNotContain("<html", "id=\"editor-flowchart\"");
    Matcher line = ERROR_LINE.matcher(check.body());
    assertThat(line.find()).as(check.body()).isTrue();
    assertThat(Integer.parseInt(line.group(1))).isEqualTo(lineOf(broken, "goto: our-mistak"));
    assertThat(check.body()).contains("our-mistak", "class=\"finding-line goto-line\"");

    HttpResponse<String> fixed =
        author.post(
            "/protocols/editor/check",
            Map.of("slug", "return-and-refund", "source", refund),
            Map.of("X-CSRF-TOKEN", token, "HX-Request", "true"));
    assertThat(fixed.body()).doesNotContain("finding-error").contains("id=\"editor-flowchart\"");
  }

  @Test
  void aTextWithErrorsIsNotSavedAndStaysInTheEditor() throws Exception {
    ConsoleSession author = as("author");
    String broken = refund.replace("title: Return and refund", "title: [unclosed");
    HttpResponse<String> refused = save(author, "/protocols/return-and-refund/edit", broken);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("id=\"save-error\"", "title: [unclosed", "finding-error");
    assertThat(author.get("/protocols").body())
        .doesNotContainPattern("data-draft=\"\\d+\" data-slug=\"return-and-refund\"");
    assertThat(author.get("/protocols/return-and-refund").body())
        .doesNotContain("id=\"protocol-drafts\"");
  }

  @Test
  void aSavedDraftIsPublishedByAReviewerOtherThanItsAuthor() throws Exception {
    ConsoleSession author = as("author");
    long id = draftId(save(author, "/protocols/billing-dispute/edit", changedBilling()));
    HttpResponse<String> draft = author.get("/protocols/drafts/" + id);
    assertThat(draft.body())
        .contains("id=\"draft-state\"", "Waiting for review", "id=\"publish-own\"")
        .doesNotContain("id=\"publish-form\"");
    assertThat(author.get("/protocols").body()).contains("data-draft=\"" + id + "\"");
    assertThat(author.get("/protocols/billing-dispute/edit").body())
        .as("the editor continues the open draft")
        .contains("Continuing draft #" + id, "Billing disputes");

    // authors and agents do not publish, even by posting the form
    String path = "/protocols/drafts/" + id;
    assertThat(
            author
                .post(path + "/publish", Map.of("_csrf", csrf(author, path)), Map.of())
                .statusCode())
        .isEqualTo(403);

    ConsoleSession agent = as("agent");
    assertThat(
            agent
                .post(path + "/publish", Map.of("_csrf", csrf(agent, path)), Map.of())
                .statusCode())
        .isEqualTo(403);

    ConsoleSession reviewer = as("reviewer");
    HttpResponse<String> published =
        reviewer.post(path + "/publish", Map.of("_csrf", csrf(reviewer, path)), Map.of());
    assertThat(published.statusCode()).isEqualTo(302);
    assertThat(published.headers().firstValue("Location").orElseThrow())
        .endsWith("/protocols/billing-dispute");
    assertThat(reviewer.get("/protocols/billing-dispute").body())
        .contains("id=\"protocol-version\">v2<", "Billing disputes");
    assertThat(reviewer.get(path).body()).contains("Published as v2 by reviewer");
  }

  private static String changedBilling() throws IOException {
    return Files.readString(Path.of("../protocols/billing-dispute.yaml"))
        .replace("title: Billing dispute", "title: Billing disputes");
  }

  @Test
  void aDraftStartedBeforeANewerVersionIsStale() throws Exception {
    ConsoleSession author = as("author");
    String base = Files.readString(Path.of("../protocols/vip-customers.yaml"));
    long first = draftId(save(author, "/protocols/vip-customers/edit", base + "\n# first\n"));
    // an admin may author and review, but not their own draft
    ConsoleSession admin = as("admin");
    long second = draftId(save(admin, "/protocols/vip-customers/edit", base + "\n# second\n"));
    String path = "/protocols/drafts/" + second;
    admin.post(path + "/publish", Map.of("_csrf", csrf(admin, path)), Map.of());
    assertThat(admin.get(path).body())
        .contains("id=\"publish-error\"", "You wrote this draft")
        .doesNotContain("id=\"publish-form\"");
    assertThat(admin.get("/protocols/vip-customers").body()).contains(">v1<");

    ConsoleSession reviewer = as("reviewer");
    reviewer.post(path + "/publish", Map.of("_csrf", csrf(reviewer, path)), Map.of());
    String stalePath = "/protocols/drafts/" + first;
    reviewer.post(stalePath + "/publish", Map.of("_csrf", csrf(reviewer, stalePath)), Map.of());
    assertThat(reviewer.get(stalePath).body())
        .contains("id=\"publish-error\"", "A newer version was published");
  }

  @Test
  void newProtocolsStartFromACleanTemplateAndNamesAreChecked() throws Exception {
    ConsoleSession author = as("author");
    HttpResponse<String> blank = author.get("/protocols/new");
    assertThat(blank.statusCode()).isEqualTo(200);
    String template = textarea(blank.body());
    assertThat(template).contains("protocol: my-new-protocol");
    assertThat(blank.body()).contains("class=\"lint-badge lint-clean\"");

    String mine = template.replace("my-new-protocol", "store-pickup");
    long id = draftId(save(author, "/protocols/new", mine));
    assertThat(author.get("/protocols/drafts/" + id).body()).contains("A new protocol");
    assertThat(save(author, "/protocols/store-pickup/edit", mine).body())
        .contains("id=\"save-error\"", "Nothing to save");
    assertThat(save(author, "/protocols/new", mine).body())
        .contains("id=\"save-error\"", "store-pickup exists already");
    assertThat(save(author, "/protocols/new", refund).body())
        .contains("id=\"save-error\"", "return-and-refund exists already");
    assertThat(
            save(
                    author,
                    "/protocols/return-and-refund/edit",
                    refund.replace("protocol: return-and-refund", "protocol: refunds"))
                .body())
        .contains("id=\"save-error\"", "names the protocol refunds");
  }

  @Test
  void agentsMayReadButNotEditProtocols() throws Exception {
    ConsoleSession agent = as("agent");
    assertThat(agent.get("/protocols/return-and-refund/edit").statusCode()).isEqualTo(403);
    assertThat(agent.get("/protocols/new").statusCode()).isEqualTo(403);
    assertThat(agent.get("/protocols/upload").statusCode()).isEqualTo(403);
    assertThat(agent.get("/protocols/return-and-refund").body())
        .doesNotContain("id=\"edit-protocol\"");
    assertThat(as("author").get("/protocols/return-and-refund").body())
        .contains("id=\"edit-protocol\"");
    assertThat(agent.get("/protocols/no-such/edit").statusCode()).isEqualTo(403);
    assertThat(as("author").get("/protocols/no-such/edit").statusCode()).isEqualTo(404);
  }

  @Test
  void anUploadedPackIsPublishedOrRefusedWithFileAndLine() throws Exception {
    ConsoleSession author = as("author");
    String online = Files.readString(Path.of("../protocols/online-chat.yaml"));
    String broken = online.replace("title: ", "title: [");
    HttpResponse<String> refused =
        upload(author, Map.of("online-chat.yaml", broken.getBytes(StandardCharsets.UTF_8)));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("id=\"upload-rejected\"", "<code>online-chat.yaml</code>");

    HttpResponse<String> notYaml = upload(author, Map.of("notes.txt", new byte[] {1, 2}));
    assertThat(notYaml.body()).contains("id=\"upload-unreadable\"", "notes.txt");

    String changed = online + "\n# clarified\n";
    HttpResponse<String> imported =
        upload(author, Map.of("online-chat.yaml", changed.getBytes(StandardCharsets.UTF_8)));
    assertThat(imported.statusCode()).isEqualTo(200);
    assertThat(imported.body()).contains("id=\"upload-imported\"", "online-chat@2");
  }

  private static HttpResponse<String> upload(ConsoleSession s, Map<String, byte[]> files)
      throws Exception {
    String token = csrf(s, "/protocols/upload");
    String boundary = "servicebook-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token)
            .getBytes(StandardCharsets.UTF_8));
    for (var file : files.entrySet()) {
      body.write(
          ("\r\n--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                  + file.getKey()
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.write(file.getValue());
    }
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return s.send(
        HttpRequest.newBuilder(URI.create(server.base + "/protocols/upload"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private static String textarea(String html) {
    Matcher m =
        Pattern.compile("<textarea[^>]*>\\n?(.*?)</textarea>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1)
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
