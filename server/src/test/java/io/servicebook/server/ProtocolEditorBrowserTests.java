package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The protocol editor in Debian's Chromium: the demo author breaks a protocol while typing, sees
 * the error at the right line (in the findings and the line numbers), jumps to it, fixes it and
 * saves a draft; the demo reviewer publishes it. Every page is checked with axe-core and saved as a
 * screenshot at 1280×800 and 390×844.
 */
class ProtocolEditorBrowserTests extends DemoBrowserTests {

  String published;

  @BeforeAll
  void setUp() throws IOException {
    published = Files.readString(Path.of("../protocols/complaint-handling.yaml"));
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
  void anAuthorBreaksAProtocolSeesTheErrorAtItsLineFixesItAndAReviewerPublishes() {
    Page page = logIn(browsers.newPage(), "author");
    page.navigate(server.base + "/protocols/complaint-handling");
    page.locator("#edit-protocol").click();
    assertThat(page.locator("#editor-heading")).isVisible();
    assertThat(page.locator("#editor-flowchart svg")).isVisible();
    assertThat(page.locator("#source")).hasValue(published);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "protocol-editor");

    // a typo in a step reference, as an author would make it
    String target = firstGotoTarget(published);
    String broken = published.replaceFirst("goto: " + target, "goto: " + target + "x");
    int line = lineOf(broken, "goto: " + target + "x");
    page.evaluate("t => window.servicebookEditor.setText(t)", broken);
    var finding = page.locator("#editor-check .finding-error[data-line='" + line + "']");
    assertThat(finding).isVisible();
    assertThat(finding.locator(".finding-message")).containsText(target + "x");
    assertThat(page.locator("#editor-no-preview")).isVisible();
    assertThat(page.locator("#editor-status")).containsText("1");

    finding.locator(".goto-line").click();
    Object caretLine =
        page.evaluate(
            "() => { const v = window.servicebookEditor.view;"
                + " return v.state.doc.lineAt(v.state.selection.main.head).number; }");
    assertThat(caretLine).isEqualTo(line);
    // the line now in view (CodeMirror draws only those), its error is marked in the gutter
    assertThat(page.locator(".cm-gutter-lint .cm-lint-marker-error")).hasCount(1);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "protocol-editor-error");

    // saving with the error keeps the text and says why
    page.locator("#save-draft").click();
    assertThat(page.locator("#save-error")).isVisible();
    assertThat(page.locator("#source")).hasValue(broken);

    String fixed =
        published.replace("title: Complaint handling", "title: Complaint handling (revised)");
    page.evaluate("t => window.servicebookEditor.setText(t)", fixed);
    assertThat(page.locator("#editor-check .finding-error")).hasCount(0);
    assertThat(page.locator("#editor-flowchart svg")).isVisible();
    page.locator("#save-draft").click();
    assertThat(page.locator("#draft-state")).isVisible();
    assertThat(page.locator("#notice")).isVisible();
    assertThat(page.locator("#publish-own")).isVisible();
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "protocol-draft");
    String draftUrl = page.url();

    Page reviewer = logIn(browsers.newPage(), "reviewer");
    reviewer.navigate(draftUrl);
    reviewer.locator("#publish-draft").click();
    assertThat(reviewer.locator("#protocol-version")).hasText("v2");
    assertThat(reviewer.locator("#notice")).isVisible();
    assertThat(reviewer.locator("#protocol-title")).containsText("(revised)");
  }

  @Test
  void theEditorAndTheUploadAreUsableOnAPhone() {
    Page phone = logIn(browsers.newPhonePage(), "author");
    phone.navigate(server.base + "/protocols/billing-dispute/edit");
    assertThat(phone.locator(".cm-editor .cm-content")).isVisible();
    assertThat(phone.locator("#editor-flowchart svg")).isVisible();
    assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
        .isLessThanOrEqualTo(390);
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "protocol-editor");

    phone.navigate(server.base + "/protocols/upload");
    assertThat(phone.locator("#upload-files")).isVisible();
    assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
        .isLessThanOrEqualTo(390);
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "protocol-upload");
  }

  private static String firstGotoTarget(String yaml) {
    var m = Pattern.compile("goto: ([a-z0-9_-]+)").matcher(yaml);
    assertThat(m.find()).as("the protocol has a goto").isTrue();
    return m.group(1);
  }
}
