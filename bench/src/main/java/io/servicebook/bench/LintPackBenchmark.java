package io.servicebook.bench;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.lint.Linter;
import io.servicebook.pack.PackReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Reading and linting a whole pack from disk, as `servicebook lint PACK` does. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class LintPackBenchmark {

  @Param({"500"})
  int protocols;

  /** 1: every protocol at the same priority, the worst case for the overlap search. */
  @Param({"1", "10"})
  int priorities;

  Path pack;

  @Setup(Level.Trial)
  public void writePack() throws IOException {
    pack =
        GeneratedPack.write(Files.createTempDirectory("servicebook-bench"), protocols, priorities);
  }

  @Benchmark
  public List<Diagnostic> lintPack() {
    List<Diagnostic> found = Linter.lint(PackReader.read(List.of(pack)));
    if (found.stream().anyMatch(Diagnostic::isError)) {
      throw new IllegalStateException("the generated pack should be valid: " + found.get(0));
    }
    return found;
  }
}
