package io.servicebook.cli;

import io.servicebook.server.demo.DemoHistory;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code servicebook demo-data --cases N}: writes a past of many cases, for demos and benchmarks.
 */
@Command(
    name = "demo-data",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a realistic past of many cases into the server's database (the same one as `serve`):"
          + " channels, languages, tiers, runs with skipped steps, escalations, reopenings, SLA"
          + " history, survey answers, follow-ups, and compensation against monthly team budgets;"
          + " then brings the KPI rollups up to date.",
      "Imports the starter pack and the demo users first, as `serve --demo` does."
    })
final class DemoDataCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--cases",
      required = true,
      paramLabel = "N",
      description = "How many cases to write (1 to 10,000,000).")
  long cases;

  @Option(
      names = "--days",
      defaultValue = "365",
      description = "Over how many past days they were created (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description =
          "Seed of the random source; the same seed writes the same past (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin DataDir dataDir;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    if (cases < 1 || cases > 10_000_000) {
      err.println("servicebook: --cases must be from 1 to 10,000,000, not " + cases + ".");
      return ExitCodes.USAGE;
    }
    if (days < 1 || days > 3_650) {
      err.println("servicebook: --days must be from 1 to 3,650, not " + days + ".");
      return ExitCodes.USAGE;
    }
    boolean terminal = KpiCommand.terminal();
    try (ConfigurableApplicationContext context = UserCommand.open(dataDir.path, true, false)) {
      DemoHistory history = context.getBean(DemoHistory.class);
      ProgressBar written = new ProgressBar(err, "cases  ", cases, terminal);
      long start = System.nanoTime();
      DemoHistory.Written result;
      try {
        result = history.generate(cases, days, seed, written::show);
      } catch (IllegalStateException nothing) {
        err.println("servicebook: " + nothing.getMessage());
        return ExitCodes.PROBLEMS;
      }
      written.done();
      double writeSeconds = (System.nanoTime() - start) / 1e9;
      double[] built = KpiCommand.rebuild(context, err);
      var out = spec.commandLine().getOut();
      out.println(
          String.format(
              Locale.ROOT,
              "Wrote %,d cases, %,d interactions, %,d surveys, %,d follow-ups and %,d grants in"
                  + " %.1f s; KPI rollups of %,d cases built in %.1f s.",
              result.cases(),
              result.interactions(),
              result.surveys(),
              result.followUps(),
              result.grants(),
              writeSeconds,
              (long) built[0],
              built[1]));
      out.flush();
      return ExitCodes.CLEAN;
    }
  }
}
