package io.servicebook.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `servicebook` command line: one subcommand per job a support team or its engineers do. */
@Command(
    name = "servicebook",
    mixinStandardHelpOptions = true,
    version = "servicebook 0.1.0",
    description = "Customer service protocols as software.",
    subcommands = {CommandLine.HelpCommand.class})
public final class ServicebookCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new ServicebookCommand());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
