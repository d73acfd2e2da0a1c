package io.servicebook.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code servicebook serve}: the server is not built yet; says so plainly. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Starts the Servicebook server (not yet available in this version).")
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--demo", description = "Start with the starter protocols and demo cases.")
  boolean demo;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println(
            """
        servicebook: the server is not built yet; it comes with the case engine.
        What works today: `servicebook lint protocols/`, `servicebook render FILE --format html`,
        `servicebook schema` and `servicebook explain RULE`.""");
    return ExitCodes.PROBLEMS;
  }
}
