package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The protocol editor's CodeMirror in Debian's Chromium, as the demo author uses it: it loads under
 * the strict Content Security Policy without a single violation, highlights the YAML, completes a
 * step id and a calendar, shows a finding at its line, and the keyboard can leave it (Escape, then
 * Tab). axe-core clean at 1280×800 and 390×844, no horizontal scrolling on the phone.
 */
class CodeEditorBrowserTests extends DemoBrowserTests {

  private static final String EDIT = "/protocols/return-and-refund/edit";

  String refund;

  @BeforeAll
  void readProtocol() throws IOException {
    refund = Files.readString(Path.of("../protocols/return-and-refund.yaml"));
  }

  /** Collects the page's CSP violations and console errors from before its first script runs. */
  private static List<String> watchCsp(Page page) {
    List<String> problems = new ArrayList<>();
    page.onConsoleMessage(
        m -> {
          if (m.text().contains("Content Security Policy")) {
            problems.add(m.text());
          }
        });
    page.onPageError(problems::add);
    page.addInitScript(
        "document.addEventListener('securitypolicyviolation', e =>"
            + " (window.__cspViolations = window.__cspViolations || [])"
            + ".push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));");
    return problems;
  }

  /** What the editor's styles look like, for a failure message. */
  private static String diagnosis(Page page) {
    return String.valueOf(
        page.evaluate(
            "() => { const h = document.querySelector('.cm-host'); if (!h) return 'no host';"
                + " const r = h.shadowRoot; const sc = r.querySelector('.cm-scroller');"
                + " return 'sheets ' + r.adoptedStyleSheets.length + ' rules '"
                + " + r.adoptedStyleSheets.map(s => s.cssRules.length).join(',')"
                + " + ' doc sheets ' + document.adoptedStyleSheets.length"
                + " + ' scroller ' + (sc && getComputedStyle(sc).display)"
                + " + ' editor class ' + r.querySelector('.cm-editor').className"
                + " + ' csp ' + JSON.stringify(window.__cspViolations || []); }"));
  }

  private static List<?> violations(Page page) {
    Object v = page.evaluate("() => window.__cspViolations || []");
    return (List<?>) v;
  }

  private Page editor(Page page) {
    logIn(page, "author");
    page.navigate(server.base + EDIT);
    assertThat(page.locator(".cm-editor .cm-content")).isVisible();
    return page;
  }

  private static void setText(Page page, String text) {
    page.evaluate("t => window.servicebookEditor.setText(t)", text);
  }

  /** Puts the cursor right after the first occurrence of {@code needle} and focuses the editor. */
  private static void cursorAfter(Page page, String needle) {
    page.evaluate(
        "n => { const v = window.servicebookEditor.view;"
            + " const at = v.state.doc.toString().indexOf(n) + n.length;"
            + " v.dispatch({selection: {anchor: at}}); v.focus(); }",
        needle);
  }

  /**
   * Accepts the selected completion with Enter. CodeMirror ignores an Enter that comes within its
   * interaction delay (75 ms) after the list opened or changed, and the key then breaks the line:
   * under load the check that the option is selected can pass sooner than that.
   */
  private static void accept(Page page) {
    page.waitForTimeout(250);
    page.keyboard().press("Enter");
  }

  private static List<String> completions(Page page) {
    Locator options = page.locator(".cm-tooltip-autocomplete li");
    assertThat(options.first()).isVisible();
    return options.allTextContents();
  }

  @Test
  void codeMirrorLoadsUnderTheStrictCspHighlightsCompletesAndShowsFindingsAtTheirLines() {
    Page page = browsers.newPage();
    List<String> consoleCsp = watchCsp(page);
    editor(page);

    // progressive enhancement: the textarea is still the form field, hidden, with the same text
    assertThat(page.locator("#source")).isHidden();
    assertThat(page.locator("#source")).hasValue(refund);
    assertThat(page.locator("#editor-keys")).isVisible();
    // YAML highlighting: keys in the key colour, comments and strings styled apart
    Object keyColour =
        page.evaluate(
            "() => { const s = [...document.querySelector('.cm-host').shadowRoot"
                + ".querySelectorAll('.cm-line span')]"
                + ".find(e => e.textContent === 'protocol');"
                + " return s ? getComputedStyle(s).color : null; }");
    assertThat(keyColour).as(diagnosis(page)).isEqualTo("rgb(30, 58, 138)");
    assertThat(page.locator(".cm-gutters .cm-lineNumbers")).isVisible();
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "code-editor");

    // completion of a step id of this document, then of a calendar known to the server
    setText(page, refund.replaceFirst("goto: our-mistake", "goto: our-"));
    cursorAfter(page, "goto: our-");
    page.keyboard().press("Control+Space");
    assertThat(completions(page)).contains("our-mistake");
    // narrowed and selected before Enter
    page.keyboard().type("m");
    assertThat(page.locator(".cm-tooltip-autocomplete li[aria-selected]")).hasText("our-mistake");
    accept(page);
    assertThat(page.locator("#source")).hasValue(refund);

    setText(page, refund.replaceFirst("calendar: eu-business", "calendar: "));
    cursorAfter(page, "calendar: ");
    page.keyboard().press("Control+Space");
    assertThat(completions(page)).contains("always-open", "eu-business", "us-business");
    page.keyboard().type("us");
    assertThat(page.locator(".cm-tooltip-autocomplete li[aria-selected]")).hasText("us-business");
    accept(page);
    assertThat(page.locator("#source"))
        .hasValue(refund.replaceFirst("calendar: eu-business", "calendar: us-business"));

    // keys from the schema: inside a step, "cap" offers capture
    setText(page, refund.replaceFirst("    capture: \\[order_number", "    cap: [order_number"));
    cursorAfter(page, "    cap");
    page.keyboard().press("Control+Space");
    assertThat(completions(page)).contains("capture");
    page.keyboard().press("Escape");

    // a finding at its line: a misspelt step, marked in the editor's gutter and text
    String broken = refund.replaceFirst("goto: our-mistake", "goto: our-mistak");
    setText(page, broken);
    int line = lineOf(broken, "goto: our-mistak");
    assertThat(page.locator("#editor-check .finding-error[data-line='" + line + "']")).isVisible();
    // the finding's button puts the cursor on that line in the editor and scrolls it into view
    // (CodeMirror draws only the lines in view)
    page.locator("#editor-check .finding-error .goto-line").click();
    Object caretLine =
        page.evaluate(
            "() => { const v = window.servicebookEditor.view;"
                + " return v.state.doc.lineAt(v.state.selection.main.head).number; }");
    assertThat(caretLine).isEqualTo(line);
    try {
      page.waitForFunction(
          "() => document.querySelector('.cm-host').shadowRoot"
              + ".querySelectorAll('.cm-lintRange-error').length > 0",
          null,
          new Page.WaitForFunctionOptions().setTimeout(5000));
    } catch (com.microsoft.playwright.PlaywrightException e) {
      throw new AssertionError(
          "no error marked in the editor; page errors "
              + consoleCsp
              + "; "
              + page.evaluate(
                  "() => { const v = window.servicebookEditor.view;"
                      + " return document.querySelectorAll('#editor-check .finding').length"
                      + " + ' findings, doc lines ' + v.state.doc.lines"
                      + " + ', shown ' + JSON.stringify(window.servicebookEditor.shown)"
                      + " + ', lint markers ' + document.querySelector('.cm-host').shadowRoot"
                      + ".querySelectorAll('.cm-lint-marker').length"
                      + " + ', html ' + document.getElementById('editor-check').innerHTML"
                      + ".slice(0, 600); }"),
          e);
    }
    assertThat(
            page.evaluate(
                "() => document.querySelector('.cm-host').shadowRoot"
                    + ".querySelector('.cm-lintRange-error').closest('.cm-line').textContent"))
        .asString()
        .contains("goto: our-mistak");
    assertThat(page.locator(".cm-gutter-lint .cm-lint-marker-error")).hasCount(1);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "code-editor-finding");

    assertThat(violations(page)).as("CSP violations").isEmpty();
    assertThat(consoleCsp).as("CSP errors on the console").isEmpty();
  }

  /** Whether the keyboard focus is in the editor's text (inside its shadow root). */
  private static boolean editing(Page page) {
    return (Boolean)
        page.evaluate(
            "() => { const a = document.querySelector('.cm-host').shadowRoot.activeElement;"
                + " return document.activeElement === document.querySelector('.cm-host')"
                + " && !!a && a.classList.contains('cm-content'); }");
  }

  @Test
  void theKeyboardCanLeaveTheEditorWithEscapeThenTab() {
    Page page = editor(browsers.newPage());
    cursorAfter(page, "title: Return and refund");
    assertThat(editing(page)).isTrue();
    // Tab indents inside the editor ...
    page.keyboard().press("Tab");
    assertThat(editing(page)).as("Tab stays in the editor").isTrue();
    assertThat((String) page.evaluate("() => document.getElementById('source').value"))
        .contains("  title: Return and refund");
    // ... and Escape, then Tab moves on to the next control
    page.keyboard().press("Escape");
    page.keyboard().press("Tab");
    assertThat(editing(page)).as("Escape, Tab leaves the editor").isFalse();
    assertThat(page.evaluate("() => document.activeElement.tagName")).isNotEqualTo("BODY");
    // Shift+Tab after Escape leaves the other way
    cursorAfter(page, "protocol: return-and-refund");
    page.keyboard().press("Escape");
    page.keyboard().press("Shift+Tab");
    assertThat(editing(page)).as("Escape, Shift+Tab leaves the editor").isFalse();
  }

  @Test
  void theEditorIsUsableOnAPhone() {
    Page phone = browsers.newPhonePage();
    List<String> consoleCsp = watchCsp(phone);
    editor(phone);
    assertThat(phone.locator(".cm-editor")).isVisible();
    assertThat(phone.locator("#editor-sla")).isVisible();
    assertThat(phone.locator("#editor-sla")).containsText("business hours");
    // the page's own content; the shared header is measured by the header's tests
    assertThat((Integer) phone.evaluate("document.getElementById('main').scrollWidth"))
        .as(
            String.valueOf(
                phone.evaluate(
                    "() => { const wide = []; const look = root => root.querySelectorAll('*')"
                        + ".forEach(e => { const r = e.getBoundingClientRect();"
                        + " if (r.right > 391) wide.push(e.tagName + '#' + e.id + '.'"
                        + " + e.className + ' ' + Math.round(r.left) + '-' + Math.round(r.right));"
                        + " if (e.shadowRoot) look(e.shadowRoot); });"
                        + " look(document); return wide.slice(0, 15).join(' | '); }")))
        .isLessThanOrEqualTo(390);
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "code-editor");
    assertThat(violations(phone)).isEmpty();
    assertThat(consoleCsp).isEmpty();
  }

  @Test
  void withoutJavaScriptTheTextareaIsTheEditor() {
    var context =
        browsers.newContext(
            new com.microsoft.playwright.Browser.NewContextOptions().setJavaScriptEnabled(false));
    Page page = context.newPage();
    logIn(page, "author");
    page.navigate(server.base + EDIT);
    assertThat(page.locator("#source")).isVisible();
    assertThat(page.locator(".cm-editor")).hasCount(0);
    assertThat(page.locator("#editor-keys")).isHidden();
    String fixed = refund.replace("title: Return and refund", "title: Return and refund (v2)");
    page.locator("#source").fill(fixed);
    page.locator("#save-draft").click();
    assertThat(page).hasURL(Pattern.compile(".*/protocols/drafts/\\d+$"));
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
}
