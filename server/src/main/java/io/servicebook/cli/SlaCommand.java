package io.servicebook.cli;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.calendar.BusinessClock;
import io.servicebook.calendar.CalendarReader;
import io.servicebook.calendar.Pause;
import io.servicebook.diagnostics.Diagnostic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code servicebook sla}: SLA arithmetic on a business calendar, for scripts and checks. */
@Command(
    name = "sla",
    mixinStandardHelpOptions = true,
    description = "SLA arithmetic on a business calendar.",
    subcommands = SlaCommand.DeadlineCommand.class)
final class SlaCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code servicebook sla deadline}: when each SLA target falls due on the calendar. */
  @Command(
      name = "deadline",
      mixinStandardHelpOptions = true,
      description = {
        "Reads lines `START TARGET [PAUSE_START/PAUSE_END]...` (ISO-8601 instants and durations,"
            + " e.g. `2026-03-27T09:15:00Z PT4H 2026-03-27T10:00:00Z/2026-03-27T11:00:00Z`) and"
            + " writes for each the instant its business time reaches TARGET, or `none`.",
        "Blank lines and lines starting with # are skipped. A bad line writes `error` and a"
            + " message on standard error.",
        "Exit code: 0 all lines read, 1 some lines bad, 2 the calendar cannot be read."
      })
  static final class DeadlineCommand implements Callable<Integer> {

    private static final String USAGE =
        "Write `START TARGET [PAUSE_START/PAUSE_END]...`, e.g. `2026-03-27T09:15:00Z PT4H"
            + " 2026-03-27T10:00:00Z/2026-03-27T11:00:00Z`.";

    @Spec CommandSpec spec;

    @Option(
        names = "--calendar",
        required = true,
        paramLabel = "FILE",
        description = "A calendar file (calendars/NAME.yaml).")
    Path calendarFile;

    @Option(
        names = "--input",
        paramLabel = "FILE",
        description = "Read the lines from FILE instead of standard input.")
    Path input;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      Optional<BusinessCalendar> calendar = readCalendar(err);
      if (calendar.isEmpty()) {
        err.flush();
        return ExitCodes.USAGE;
      }
      BusinessClock clock = BusinessClock.of(calendar.get());
      String source = input == null ? "<stdin>" : input.toString();
      try (BufferedReader lines = new BufferedReader(open(), 1 << 16)) {
        return answer(clock, source, lines, spec.commandLine().getOut(), err);
      }
    }

    private Reader open() throws IOException {
      return input == null
          ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
          : Files.newBufferedReader(input, StandardCharsets.UTF_8);
    }

    private Optional<BusinessCalendar> readCalendar(PrintWriter err) {
      String text;
      try {
        text = Files.readString(calendarFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println(
            "servicebook: cannot read the calendar file "
                + calendarFile
                + " ("
                + e.getClass().getSimpleName()
                + "). Give the path of a calendar file, e.g. protocols/calendars/eu-business.yaml.");
        return Optional.empty();
      }
      CalendarReader.Result result = CalendarReader.read(calendarFile.toString(), text);
      if (result.calendar().isEmpty()) {
        for (Diagnostic d : result.diagnostics()) {
          err.println(d);
          if (!d.hint().isBlank()) {
            err.println("    fix: " + d.hint());
          }
        }
      }
      return result.calendar();
    }

    private static int answer(
        BusinessClock clock, String source, BufferedReader lines, PrintWriter out, PrintWriter err)
        throws IOException {
      String newline = System.lineSeparator();
      int exitCode = ExitCodes.CLEAN;
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String answer;
        try {
          answer = deadline(clock, trimmed).map(Instant::toString).orElse("none");
        } catch (BadLine e) {
          err.println(source + ":" + number + ": error: " + e.getMessage());
          exitCode = ExitCodes.PROBLEMS;
          answer = "error";
        }
        out.write(answer);
        out.write(newline);
      }
      out.flush();
      err.flush();
      return exitCode;
    }

    private static Optional<Instant> deadline(BusinessClock clock, String line) {
      String[] words = line.split("\\s+");
      if (words.length < 2) {
        throw new BadLine("expected a start and a target, got `" + line + "`. " + USAGE);
      }
      Instant start = instant(words[0], "start");
      Duration target = duration(words[1]);
      List<Pause> pauses = new ArrayList<>();
      for (int i = 2; i < words.length; i++) {
        pauses.add(pause(words[i]));
      }
      return clock.deadline(start, target, pauses);
    }

    private static Instant instant(String word, String what) {
      try {
        return Instant.parse(word);
      } catch (DateTimeParseException e) {
        throw new BadLine(
            "the "
                + what
                + " `"
                + word
                + "` is not an instant. Write ISO-8601 instants in UTC, e.g."
                + " 2026-03-27T09:15:00Z.");
      }
    }

    private static Duration duration(String word) {
      Duration target;
      try {
        target = Duration.parse(word);
      } catch (DateTimeParseException e) {
        throw new BadLine(
            "the target `"
                + word
                + "` is not a duration. Write ISO-8601 durations, e.g. PT4H, PT30M or P2DT4H.");
      }
      if (target.isNegative()) {
        throw new BadLine("the target `" + word + "` is negative. A target is zero or more.");
      }
      return target;
    }

    private static Pause pause(String word) {
      String[] bounds = word.split("/", -1);
      if (bounds.length != 2) {
        throw new BadLine(
            "the pause `"
                + word
                + "` is not START/END. Write a pause as two instants joined by /, e.g."
                + " 2026-03-27T10:00:00Z/2026-03-27T11:00:00Z.");
      }
      Instant start = instant(bounds[0], "pause start");
      Instant end = instant(bounds[1], "pause end");
      if (!end.isAfter(start)) {
        throw new BadLine("the pause `" + word + "` does not end after it starts.");
      }
      return new Pause(start, end);
    }
  }

  /** A line of input that cannot be answered; the message says why. */
  private static final class BadLine extends RuntimeException {
    BadLine(String message) {
      super(message, null, false, false);
    }
  }
}
