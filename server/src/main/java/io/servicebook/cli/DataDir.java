package io.servicebook.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option of the commands that open the server's database. */
final class DataDir {

  @Option(
      names = "--data-dir",
      defaultValue = "data",
      description = "Data directory of the embedded database (default: ${DEFAULT-VALUE}).")
  Path path;
}
