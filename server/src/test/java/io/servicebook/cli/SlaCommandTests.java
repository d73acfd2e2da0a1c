package io.servicebook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code servicebook sla deadline}: lines of cases in, one deadline per line out. */
class SlaCommandTests {

  static final String EU_BUSINESS =
      Path.of("..", "protocols", "calendars", "eu-business.yaml").toString();

  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  Run deadline(String calendar, String input) throws IOException {
    Path file = dir.resolve("cases.txt");
    Files.writeString(file, input);
    return run("sla", "deadline", "--calendar", calendar, "--input", file.toString());
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ServicebookCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void writesOneDeadlinePerLineSkippingBlankLinesAndComments() throws IOException {
    Run run =
        deadline(
            EU_BUSINESS,
            """
            # Friday 27 March 2026, 10:15 in Berlin: 2h15 before lunch, 1h45 after it
            2026-03-27T09:15:00Z PT4H

            2026-03-27T09:15:00Z PT0S
            2026-03-27T09:15:00Z PT4H 2026-03-27T10:00:00Z/2026-03-27T11:00:00Z
            2026-04-02T15:00:00Z PT1H
            """);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines())
        .containsExactly(
            "2026-03-27T14:15:00Z",
            "2026-03-27T09:15:00Z",
            "2026-03-27T15:15:00Z",
            "2026-04-07T07:30:00Z");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void readsStandardInput() throws IOException {
    InputStream stdin = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream(
              "2026-03-23T08:00:00Z PT3H30M\n".getBytes(StandardCharsets.UTF_8)));
      Run run = run("sla", "deadline", "--calendar", EU_BUSINESS);
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out().lines()).containsExactly("2026-03-23T11:30:00Z");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void writesNoneWhenTheCalendarNeverOpens() throws IOException {
    Path closed = dir.resolve("closed.yaml");
    Files.writeString(
        closed,
        """
        calendar: closed
        time_zone: UTC
        hours:
          monday: []
        """);
    Run run = deadline(closed.toString(), "2026-03-23T08:00:00Z PT1M\n");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).containsExactly("none");
  }

  @Test
  void aBadLineWritesErrorNamesItsLineAndTheOthersGoOn() throws IOException {
    Run run =
        deadline(
            EU_BUSINESS,
            """
            2026-03-27T09:15:00Z PT4H
            2026-03-27 PT4H
            2026-03-27T09:15:00Z 4 hours
            2026-03-27T09:15:00Z -PT1H
            2026-03-27T09:15:00Z PT1H 2026-03-27T10:00:00Z
            2026-03-27T09:15:00Z PT1H 2026-03-27T11:00:00Z/2026-03-27T10:00:00Z
            2026-03-27T09:15:00Z
            2026-03-27T09:15:00Z PT4H
            """);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(
            "2026-03-27T14:15:00Z",
            "error",
            "error",
            "error",
            "error",
            "error",
            "error",
            "2026-03-27T14:15:00Z");
    String input = dir.resolve("cases.txt").toString();
    assertThat(run.err().lines())
        .hasSize(6)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(input + ":2: error: the start `2026-03-27` is not an instant"))
        .anySatisfy(
            l -> assertThat(l).startsWith(input + ":3: error: the target `4` is not a duration"))
        .anySatisfy(
            l -> assertThat(l).startsWith(input + ":4: error: the target `-PT1H` is negative"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        input + ":5: error: the pause `2026-03-27T10:00:00Z` is not START/END"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(":6: error: the pause")
                    .contains("does not end after it starts"))
        .anySatisfy(
            l -> assertThat(l).startsWith(input + ":7: error: expected a start and a target"));
  }

  @Test
  void aBrokenCalendarExitsTwoWithFileLineAndColumn() throws IOException {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(
        broken,
        """
        calendar: broken
        time_zone: Europe/Berlinn
        hours:
          monday: ["09:00-17:30"]
        """);
    Run run = deadline(broken.toString(), "2026-03-27T09:15:00Z PT4H\n");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(broken + ":2:12: error: `Europe/Berlinn` is not a time zone.");
  }

  @Test
  void aMissingCalendarExitsTwo() throws IOException {
    Run run = deadline(dir.resolve("nowhere.yaml").toString(), "2026-03-27T09:15:00Z PT4H\n");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot read the calendar file").contains("nowhere.yaml");
  }

  @Test
  void answersTenThousandLinesQuickly() throws IOException {
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      input
          .append("2026-03-")
          .append(10 + i % 18)
          .append("T0")
          .append(i % 10)
          .append(":15:00Z PT")
          .append(1 + i % 200)
          .append("H\n");
    }
    long started = System.nanoTime();
    Run run = deadline(EU_BUSINESS, input.toString());
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).hasSize(10_000).doesNotContain("error", "none");
    assertThat(millis).isLessThan(5_000);
  }

  @Test
  void isListedInTheHelp() {
    assertThat(run("--help").out()).contains("sla");
    assertThat(run("sla", "deadline", "--help").out()).contains("--calendar");
  }
}
