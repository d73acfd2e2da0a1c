package io.servicebook.bench;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.lint.Linter;
import io.servicebook.pack.PackReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Wall-clock time of linting a generated pack in a fresh JVM, the way a person running `servicebook
 * lint` experiences it (cold, no warm-up), followed by warm runs. Usage: {@code LintPackTiming
 * [protocols] [priorities]}.
 */
public final class LintPackTiming {

  private LintPackTiming() {}

  public static void main(String[] args) throws IOException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int priorities = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Path pack =
        GeneratedPack.write(Files.createTempDirectory("servicebook-timing"), count, priorities);
    for (int run = 1; run <= 5; run++) {
      long start = System.nanoTime();
      List<Diagnostic> found = Linter.lint(PackReader.read(List.of(pack)));
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "run %d (%s): %d protocols, %d priority levels, %d findings, %d ms%n",
          run, run == 1 ? "cold" : "warm", count, priorities, found.size(), millis);
    }
  }
}
