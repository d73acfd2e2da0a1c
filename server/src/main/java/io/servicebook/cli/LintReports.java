package io.servicebook.cli;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.Rule;
import io.servicebook.diagnostics.Severity;
import io.servicebook.lint.Linter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes lint results as text for people, JSON for scripts, SARIF for code review. */
final class LintReports {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private LintReports() {}

  static void text(int files, List<Diagnostic> diagnostics, PrintWriter out) {
    for (Diagnostic d : diagnostics) {
      out.println(
          d.file()
              + ":"
              + d.line()
              + ":"
              + d.column()
              + ": "
              + d.severity().label()
              + ": "
              + d.message()
              + " ["
              + d.rule()
              + "]");
      if (!d.hint().isBlank()) {
        out.println("    fix: " + d.hint());
      }
    }
    long errors = count(diagnostics, Severity.ERROR);
    long warnings = count(diagnostics, Severity.WARNING);
    long infos = count(diagnostics, Severity.INFO);
    out.println(
        (diagnostics.isEmpty() ? "" : "\n")
            + files
            + plural(files, " file")
            + " checked: "
            + errors
            + plural(errors, " error")
            + ", "
            + warnings
            + plural(warnings, " warning")
            + ", "
            + infos
            + " info.");
  }

  private static long count(List<Diagnostic> diagnostics, Severity severity) {
    return diagnostics.stream().filter(d -> d.severity() == severity).count();
  }

  private static String plural(long n, String word) {
    return n == 1 ? word : word + "s";
  }

  static void json(int files, List<Diagnostic> diagnostics, PrintWriter out) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("file", d.file());
      item.put("line", d.line());
      item.put("column", d.column());
      item.put("severity", d.severity().label());
      item.put("rule", d.rule());
      item.put("message", d.message());
      item.put("hint", d.hint());
      items.add(item);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("files", files);
    report.put("diagnostics", items);
    out.println(JSON.writeValueAsString(report));
  }

  static void sarif(List<Diagnostic> diagnostics, PrintWriter out) {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Rule rule : Linter.rules()) {
      rules.add(
          Map.of(
              "id", rule.id(),
              "shortDescription", Map.of("text", rule.title()),
              "fullDescription", Map.of("text", rule.why()),
              "help", Map.of("text", rule.fix()),
              "defaultConfiguration", Map.of("level", level(rule.severity()))));
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      Map<String, Object> region = Map.of("startLine", d.line(), "startColumn", d.column());
      Map<String, Object> location =
          Map.of(
              "physicalLocation",
              Map.of("artifactLocation", Map.of("uri", uri(d.file())), "region", region));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ruleId", d.rule());
      result.put("level", level(d.severity()));
      result.put(
          "message",
          Map.of("text", d.hint().isBlank() ? d.message() : d.message() + " Fix: " + d.hint()));
      result.put("locations", List.of(location));
      results.add(result);
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "servicebook");
    driver.put("informationUri", "https://github.com/servicebook/servicebook");
    driver.put("rules", rules);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("results", results);
    Map<String, Object> sarif = new LinkedHashMap<>();
    sarif.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    sarif.put("version", "2.1.0");
    sarif.put("runs", List.of(run));
    out.println(JSON.writeValueAsString(sarif));
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /** A relative path with forward slashes, as SARIF viewers resolve it against the repository. */
  private static String uri(String file) {
    Path path = Path.of(file);
    if (path.isAbsolute()) {
      Path cwd = Path.of("").toAbsolutePath();
      path = path.startsWith(cwd) ? cwd.relativize(path) : path;
    }
    return path.toString().replace('\\', '/');
  }
}
