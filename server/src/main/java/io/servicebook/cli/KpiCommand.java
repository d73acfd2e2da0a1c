package io.servicebook.cli;

import io.servicebook.server.kpi.RollupStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code servicebook kpi}: maintains the KPI rollups in the server's database. */
@Command(
    name = "kpi",
    mixinStandardHelpOptions = true,
    description = "Maintains the KPI rollups (uses the same database as `serve`).",
    subcommands = {KpiCommand.Rebuild.class})
final class KpiCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Whether progress is drawn on one line: a terminal, and not CI. */
  static boolean terminal() {
    return System.console() != null && !"true".equals(System.getenv("CI"));
  }

  /**
   * Drops the rollups and takes every case in again, with a progress bar.
   *
   * @return the number of cases the rollups count and the seconds it took
   */
  static double[] rebuild(ConfigurableApplicationContext context, PrintWriter err) {
    RollupStore rollups = context.getBean(RollupStore.class);
    rollups.rebuild();
    long waiting = rollups.waiting(Integer.MAX_VALUE);
    ProgressBar bar = new ProgressBar(err, "rollups", waiting, terminal());
    long start = System.nanoTime();
    rollups.catchUp(bar::show);
    bar.done();
    return new double[] {rollups.casesCounted(), (System.nanoTime() - start) / 1e9};
  }

  /** {@code servicebook kpi rebuild}. */
  @Command(
      name = "rebuild",
      mixinStandardHelpOptions = true,
      description = {
        "Builds the KPI rollups again from the cases, day by day, with a progress bar: after rows"
            + " were written around the server (a restore, a bulk import). A running server keeps"
            + " answering meanwhile, from the cases themselves until the rollups are back."
      })
  static final class Rebuild implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context = UserCommand.open(dataDir.path, false, false)) {
        double[] built = rebuild(context, spec.commandLine().getErr());
        spec.commandLine()
            .getOut()
            .println(
                String.format(
                    java.util.Locale.ROOT,
                    "KPI rollups of %,d cases built in %.1f s.",
                    (long) built[0],
                    built[1]));
        return ExitCodes.CLEAN;
      }
    }
  }
}
