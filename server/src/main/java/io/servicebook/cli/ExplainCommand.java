package io.servicebook.cli;

import io.servicebook.diagnostics.Rule;
import io.servicebook.document.Suggestions;
import io.servicebook.lint.Linter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code servicebook explain}: what a rule checks, why it matters, how to fix it. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Explains a rule (without RULE: lists every rule).")
final class ExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "RULE", description = "A rule id, such as dead-end.")
  String ruleId;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (ruleId == null) {
      for (Rule rule : Linter.rules()) {
        out.printf("%-30s %-8s %s%n", rule.id(), rule.severity().label(), rule.title());
      }
      return ExitCodes.CLEAN;
    }
    Optional<Rule> rule = Linter.rule(ruleId);
    if (rule.isEmpty()) {
      List<String> ids = Linter.rules().stream().map(Rule::id).toList();
      String suggestion =
          Suggestions.closest(ruleId, ids).map(s -> " Did you mean `" + s + "`?").orElse("");
      spec.commandLine()
          .getErr()
          .println(
              "servicebook: there is no rule `"
                  + ruleId
                  + "`."
                  + suggestion
                  + " `servicebook explain` lists them all.");
      return ExitCodes.USAGE;
    }
    Rule r = rule.get();
    out.println(
        r.id() + " (" + r.severity().label() + ", " + r.category().name().toLowerCase() + ")");
    out.println(r.title());
    out.println();
    out.println("Why: " + r.why());
    out.println("Fix: " + r.fix());
    return ExitCodes.CLEAN;
  }
}
