package io.servicebook.cli;

/** Exit codes shared by every command: 0 clean, 1 problems found, 2 usage or input errors. */
final class ExitCodes {
  static final int CLEAN = 0;
  static final int PROBLEMS = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}
