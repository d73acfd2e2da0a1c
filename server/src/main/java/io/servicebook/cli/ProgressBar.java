package io.servicebook.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * A progress bar on one line of a terminal ({@code \r} redraws it), or a line every tenth of the
 * way when the output is not a terminal (a log, CI).
 */
final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final String what;
  private final long total;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private int lastTenth = -1;

  ProgressBar(PrintWriter out, String what, long total, boolean terminal) {
    this.out = out;
    this.what = what;
    this.total = Math.max(1, total);
    this.terminal = terminal;
  }

  void show(long done) {
    double share = Math.min(1, (double) done / total);
    int tenth = (int) (share * 10);
    if (!terminal && tenth == lastTenth) {
      return;
    }
    lastTenth = tenth;
    double seconds = (System.nanoTime() - started) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    String eta = rate > 0 ? clock(Duration.ofSeconds((long) ((total - done) / rate))) : "?";
    int filled = (int) (share * WIDTH);
    String line =
        String.format(
            Locale.ROOT,
            "%s [%s%s] %3d%% %,d/%,d  %,.0f/s  left %s",
            what,
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            (int) (share * 100),
            done,
            total,
            rate,
            eta);
    out.print(terminal ? "\r" + line : line + System.lineSeparator());
    out.flush();
  }

  /** Ends the bar's line. */
  void done() {
    if (terminal) {
      out.println();
      out.flush();
    }
  }

  private static String clock(Duration d) {
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }
}
