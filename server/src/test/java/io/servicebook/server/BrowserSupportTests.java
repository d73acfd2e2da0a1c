package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser-test support ({@link Browsers}, {@link Axe}, {@link Screenshots}) against a running
 * server: pages served at the server's origin under a Content-Security-Policy as strict as the
 * console's, one with accessibility faults and one without.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSupportTests {

  /** As strict as the console's: no inline scripts, no foreign origins. */
  static final String STRICT_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  static final String FAULTY =
      """
      <!doctype html>
      <html lang="en">
      <head><meta charset="utf-8"><title>Faulty fixture</title>
      <script>document.title = 'inline script ran';</script></head>
      <body><main>
        <h1>Faulty fixture</h1>
        <img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7">
        <form><input type="text" name="customer"><button>Find</button></form>
      </main></body>
      </html>
      """;

  static final String CLEAN =
      """
      <!doctype html>
      <html lang="en">
      <head><meta charset="utf-8"><title>Clean fixture</title>
      <meta name="viewport" content="width=device-width, initial-scale=1"></head>
      <body><main>
        <h1>Clean fixture</h1>
        <img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" alt="Servicebook">
        <form>
          <label for="customer">Customer</label>
          <input id="customer" type="text" name="customer">
          <button>Find</button>
        </form>
      </main></body>
      </html>
      """;

  RunningServer server;
  Browsers browsers;

  @BeforeAll
  void start(@TempDir Path data) {
    browsers = Browsers.launch(); // first: without Chromium the class is skipped before the server
    server = RunningServer.start(data, Map.of(), Map.of());
  }

  @AfterEach
  void closePages() {
    if (browsers != null) {
      browsers.closePages();
    }
  }

  @AfterAll
  void stop() {
    if (browsers != null) {
      browsers.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void drivesDebiansChromium() throws Exception {
    Process process =
        new ProcessBuilder(Browsers.CHROMIUM.toString(), "--version")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String installed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();

    assertThat(browsers.version()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
    assertThat(installed).contains("Chromium " + browsers.version() + " ");
  }

  @Test
  void reachesTheRunningServer() {
    Page page = browsers.newPage();

    Response response = page.navigate(server.base + "/actuator/health");

    assertThat(response.status()).isEqualTo(200);
    assertThat(page.content()).contains("\"UP\"");
  }

  @Test
  void axeReportsAnImageWithoutAltAndAnInputWithoutLabelDespiteTheCsp() {
    Page page = open(browsers.newPage(), "faulty", FAULTY);

    List<Axe.Violation> violations = Axe.violations(page);

    assertThat(page.title()).as("the CSP blocked the inline script").isEqualTo("Faulty fixture");
    assertThat(violations)
        .filteredOn(Axe.Violation::blocking)
        .extracting(Axe.Violation::id)
        .contains("image-alt", "label");
    assertThat(violations)
        .filteredOn(v -> v.id().equals("image-alt"))
        .singleElement()
        .satisfies(v -> assertThat(v.targets()).containsExactly("img"));
    assertThatThrownBy(() -> Axe.assertNoSeriousViolations(page))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("image-alt (critical)")
        .hasMessageContaining("label (critical)")
        .hasMessageContaining("Images must have alternative text")
        .hasMessageContaining(server.base + "/browser-fixtures/faulty");
  }

  @Test
  void axeFindsNothingSeriousOnACleanPage() {
    Page page = open(browsers.newPage(), "clean", CLEAN);

    Axe.assertNoSeriousViolations(page);

    assertThat(Axe.violations(page)).noneMatch(Axe.Violation::blocking);
  }

  @Test
  void savesFullPageScreenshotsNamedAfterTheViewport() throws IOException {
    Path desktop = Screenshots.save(open(browsers.newPage(), "clean", CLEAN), "fixture-clean");
    Path phone =
        Screenshots.save(open(browsers.newPhonePage(), "faulty", FAULTY), "fixture-faulty");

    assertThat(desktop).hasFileName("fixture-clean-1280x800.png");
    assertThat(phone).hasFileName("fixture-faulty-390x844.png");
    assertThat(pngWidth(desktop)).isEqualTo(1280);
    assertThat(pngWidth(phone)).isEqualTo(390);
  }

  /** Opens the HTML at the server's origin, served with the strict CSP. */
  private Page open(Page page, String name, String html) {
    String url = server.base + "/browser-fixtures/" + name;
    page.route(
        url,
        (Route route) ->
            route.fulfill(
                new Route.FulfillOptions()
                    .setStatus(200)
                    .setContentType("text/html; charset=utf-8")
                    .setHeaders(Map.of("Content-Security-Policy", STRICT_CSP))
                    .setBody(html)));
    page.navigate(url);
    return page;
  }

  /** The width from a PNG's IHDR chunk, after checking the PNG signature. */
  private static int pngWidth(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    assertThat(Arrays.copyOf(bytes, 8)).as(file + " is a PNG").isEqualTo(signature);
    return ByteBuffer.wrap(bytes, 16, 4).getInt();
  }
}
