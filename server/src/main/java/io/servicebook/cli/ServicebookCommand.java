package io.servicebook.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code servicebook} command line: one subcommand per job a support team does. */
@Command(
    name = "servicebook",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Customer service protocols as software: lint, draw and (soon) run them.",
    subcommands = {
      LintCommand.class,
      RenderCommand.class,
      SchemaCommand.class,
      ExplainCommand.class,
      SlaCommand.class,
      ServeCommand.class,
      UserCommand.class,
      DemoDataCommand.class,
      KpiCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      AuditCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ServicebookCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ServicebookCommand());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          cmd.getErr().println("servicebook: " + e.getMessage());
          return ExitCodes.USAGE;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
