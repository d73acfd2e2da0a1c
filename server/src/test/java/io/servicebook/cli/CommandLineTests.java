package io.servicebook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command line as a user drives it: arguments in, exit code and output back. */
class CommandLineTests {

  static final Path STARTER_PACK = Path.of("..", "protocols");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ServicebookCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path broken() throws IOException {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(
        file,
        """
        protocol: broken
        title: Broken
        prority: 5
        steps:
          - id: start
            next: nowhere
        """);
    return file;
  }

  @Test
  void theStarterPackLintsClean() {
    Run run = run("lint", "--strict", STARTER_PACK.toString());
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("0 errors, 0 warnings");
  }

  @Test
  void lintExitsOneOnErrorsAndNamesFileLineAndColumn() throws IOException {
    Path file = broken();
    Run run = run("lint", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            file + ":3:1: error: `prority` is not a key of a protocol. Did you mean `priority`?")
        .contains(file + ":6:11: error: There is no step `nowhere`.");
  }

  @Test
  void lintRefusesAConditionThatCouldPassItsCostLimitAtItsLineAndColumn() throws IOException {
    Path file = dir.resolve("tag-pairs.yaml");
    Files.writeString(
        file,
        """
        protocol: tag-pairs
        title: Tag pairs
        applies_when: >-
          case.tags.exists(a, case.tags.exists(b,
            [1, 2, 3, 4, 5, 6].exists(c, a == b + string(c))))
        steps:
          - id: start
            script: {en: "Hello"}
        """);

    Run run = run("lint", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            file
                + ":4:3: error: In `applies_when`: This condition could take too long to check:"
                + " it loops over `case.tags` (up to 50 items), and for each of them over"
                + " `case.tags` (up to 50 items), and for each of them over a list written in the"
                + " condition (up to 6 items). That is up to 17,550 loop turns for one case; at"
                + " most 10,000 are allowed.")
        .contains("[condition-too-costly]");
  }

  @Test
  void lintExitsTwoOnUsageErrors() {
    assertThat(run("lint").exitCode()).isEqualTo(2);
    assertThat(run("lint", "--format", "xml", "x.yaml").exitCode()).isEqualTo(2);
  }

  @Test
  void warningsFailOnlyWithStrict() throws IOException {
    Path file = dir.resolve("minimal.yaml");
    Files.writeString(
        file,
        """
        protocol: minimal
        title: Minimal
        steps:
          - id: close
            guidance: Close the case.
            action: {resolve: true}
        """);
    assertThat(run("lint", file.toString()).exitCode()).isZero();
    assertThat(run("lint", "--strict", file.toString()).exitCode()).isEqualTo(1);
  }

  @Test
  void lintWritesTheDocumentedJsonShape() throws IOException {
    Run run = run("lint", "--format", "json", broken().toString());
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.get("files").asInt()).isEqualTo(1);
    JsonNode first = report.get("diagnostics").get(0);
    assertThat(first.propertyNames())
        .containsExactly("file", "line", "column", "severity", "rule", "message", "hint");
    assertThat(first.get("line").asInt()).isEqualTo(3);
    assertThat(first.get("severity").asString()).isEqualTo("error");
    assertThat(first.get("rule").asString()).isEqualTo("unknown-key");
  }

  @Test
  void lintWritesSarifWithRulesAndRegions() throws IOException {
    Run run = run("lint", "--format", "sarif", broken().toString());
    JsonNode sarif = JSON.readTree(run.out());
    assertThat(sarif.get("version").asString()).isEqualTo("2.1.0");
    JsonNode sarifRun = sarif.get("runs").get(0);
    assertThat(sarifRun.at("/tool/driver/name").asString()).isEqualTo("servicebook");
    assertThat(sarifRun.at("/tool/driver/rules").size()).isGreaterThanOrEqualTo(35);
    JsonNode result = sarifRun.get("results").get(0);
    assertThat(result.get("ruleId").asString()).isEqualTo("unknown-key");
    assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
    assertThat(result.get("level").asString()).isEqualTo("error");
  }

  @Test
  void explainDescribesARule() {
    Run run = run("explain", "dead-end");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("dead-end (error, lint)").contains("Why:").contains("Fix:");
  }

  @Test
  void explainSuggestsTheRuleMeant() {
    Run run = run("explain", "dead-ends");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Did you mean `dead-end`?");
  }

  @Test
  void explainListsEveryRule() {
    assertThat(run("explain").out().lines()).hasSizeGreaterThanOrEqualTo(35);
  }

  @Test
  void schemaPrintsJsonSchema() {
    JsonNode schema = JSON.readTree(run("schema", "--kind", "protocol").out());
    assertThat(schema.get("$schema").asString()).contains("2020-12");
    assertThat(schema.at("/properties/steps")).isNotNull();
  }

  @Test
  void renderDrawsEveryFormat() throws IOException {
    Path protocol = STARTER_PACK.resolve("return-and-refund.yaml");
    assertThat(run("render", protocol.toString(), "--format", "mermaid").out())
        .startsWith("---")
        .contains("flowchart TD");
    assertThat(run("render", protocol.toString(), "--format", "svg").out()).contains("<svg");
    Path html = dir.resolve("refund.html");
    assertThat(
            run("render", protocol.toString(), "--format", "html", "-o", html.toString())
                .exitCode())
        .isZero();
    assertThat(Files.readString(html))
        .contains("<!DOCTYPE html>")
        .doesNotContain("http://")
        .doesNotContain("https://");
  }

  @Test
  void renderRefusesABrokenProtocolAndSaysWhy() throws IOException {
    Run run = run("render", broken().toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("prority").contains("servicebook lint");
  }

  @Test
  void userAddCreatesAUserOnceAndTokenPrintsAToken() {
    String data = dir.resolve("data").toString();
    Run added = run("user", "add", "alice", "--role", "agent,supervisor", "--data-dir", data);
    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(added.out()).contains("Added user alice").contains("Password (shown once): ");
    Run again = run("user", "add", "alice", "--role", "agent", "--data-dir", data);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already a user `alice`");
    Run token = run("user", "token", "alice", "--data-dir", data);
    assertThat(token.out().strip()).startsWith("sb_").hasSizeGreaterThan(30);
    assertThat(run("user", "token", "bob", "--data-dir", data).exitCode()).isEqualTo(1);
  }

  @Test
  void demoDataWritesThePastAndBuildsTheRollupsWithProgress() {
    String data = dir.resolve("history").toString();
    Run none = run("demo-data", "--cases", "0", "--data-dir", data);
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("--cases must be from 1 to 10,000,000, not 0");

    Run written = run("demo-data", "--cases", "150", "--days", "20", "--data-dir", data);

    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(written.out()).contains("Wrote 150 cases").contains("KPI rollups of");
    // not a terminal: one line per tenth of the way, ending at 100 %
    assertThat(written.err()).contains("cases   [").contains("100% 150/150").contains("rollups [");

    Run rebuilt = run("kpi", "rebuild", "--data-dir", data);
    assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
    // the 150 written and the demo cases a protocol applied to, as many as demo-data took in
    String counted =
        written.out().replaceAll("(?s).*KPI rollups of ([0-9,]+) cases.*", "$1").strip();
    assertThat(Integer.parseInt(counted.replace(",", ""))).isBetween(300, 350);
    assertThat(rebuilt.out()).contains("KPI rollups of " + counted + " cases built in");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        new String[] {"lint", "render", "schema", "explain", "serve", "user", "demo-data", "kpi"}) {
      Run run = run(command, "--help");
      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage: servicebook " + command);
    }
  }
}
