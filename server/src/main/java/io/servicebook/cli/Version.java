package io.servicebook.cli;

import picocli.CommandLine;

/** The version printed by {@code servicebook --version}, from the jar's manifest. */
final class Version implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"servicebook " + (version == null ? "development build" : version)};
  }
}
