package io.servicebook.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checked-in authorization matrix ({@code src/test/resources/authorization-matrix.txt}): one
 * line per API operation and console route, one column per principal, each cell the expected
 * outcome. Read, compared and written here; probed by {@link AuthorizationMatrixTests}.
 */
final class AuthorizationMatrix {

  /** Where the matrix lives, relative to the server module (Maven's working directory). */
  static final Path FILE = Path.of("src", "test", "resources", "authorization-matrix.txt");

  /** Passed authorization: any answer but 401 and 403 (and, in the console, the login page). */
  static final String OK = "ok";

  /** Refused as unauthenticated: 401 on the API. */
  static final String UNAUTHENTICATED = "401";

  /** Refused for the principal's roles or the token's scopes: 403. */
  static final String FORBIDDEN = "403";

  /** Sent to the sign-in page: a console route without a session. */
  static final String LOGIN = "login";

  /** Not asked: token scopes on a console route. */
  static final String NOT_APPLICABLE = "-";

  private static final List<String> OUTCOMES =
      List.of(OK, UNAUTHENTICATED, FORBIDDEN, LOGIN, NOT_APPLICABLE);

  private static final String HEADER =
      """
      # The authorization matrix: who passes authorization on every API operation and console route.
      # Checked by AuthorizationMatrixTests against the running server; see docs/security.md, "The authorization matrix".
      #
      # One line per operation (METHOD /path as in the OpenAPI document or the handler mapping; ANY
      # for a mapping without a method), one column per principal:
      #   anonymous           no token (API), no session (console)
      #   ADMIN .. AGENT      a user with only that role: an API token of scope `admin`, or a
      #                       signed-in console session
      #   scope:read .. scope:admin
      #                       (API only) a token of only that scope, of a user who has every role
      # Cells: ok = passes authorization (any answer but 401/403 and, in the console, the sign-in
      # page; a 404 for a placeholder id is ok), 401, 403, login = sent to the sign-in page,
      # - = not asked (token scopes on console routes).
      #
      # Regenerate from the server's behaviour, then read every changed cell:
      #   ./mvnw -q -B -pl server -am test -Dtest=AuthorizationMatrixTests \\
      #     -Dsurefire.failIfNoSpecifiedTests=false -Dservicebook.matrix.write=true
      """;

  private AuthorizationMatrix() {}

  /** An operation or route: its method ({@code ANY} for all) and path template. */
  record Operation(String method, String path) implements Comparable<Operation> {

    static final Comparator<Operation> ORDER =
        Comparator.comparing(Operation::path).thenComparing(Operation::method);

    boolean api() {
      return path.equals("/api") || path.startsWith("/api/");
    }

    @Override
    public int compareTo(Operation other) {
      return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** The expected (or observed) outcome per column, per operation. */
  record Table(List<String> columns, Map<Operation, List<String>> rows) {

    /** Every operation in the file, with the line it is on, or a list of what is wrong in it. */
    static Table read(Path file, List<String> columns) throws IOException {
      Map<Operation, List<String>> rows = new TreeMap<>();
      List<String> problems = new ArrayList<>();
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String where = file + ":" + (i + 1) + ": ";
        List<String> cells = Arrays.asList(line.split("\\s+"));
        if (cells.get(0).equals("METHOD")) {
          if (!cells.subList(2, cells.size()).equals(columns)) {
            problems.add(
                where
                    + "the columns are "
                    + cells.subList(2, cells.size())
                    + " but the principals are "
                    + columns
                    + "; regenerate the file");
          }
          continue;
        }
        if (cells.size() != columns.size() + 2) {
          problems.add(
              where + "needs METHOD, path and " + columns.size() + " cells, has " + cells.size());
          continue;
        }
        Operation operation = new Operation(cells.get(0), cells.get(1));
        List<String> outcomes = cells.subList(2, cells.size());
        outcomes.stream()
            .filter(o -> !OUTCOMES.contains(o))
            .forEach(o -> problems.add(where + "unknown cell `" + o + "`; one of " + OUTCOMES));
        if (rows.put(operation, List.copyOf(outcomes)) != null) {
          problems.add(where + operation + " is listed twice");
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "The authorization matrix cannot be read:\n  " + String.join("\n  ", problems));
      }
      return new Table(columns, rows);
    }

    /** Writes the table with aligned columns, operations sorted by path, then method. */
    void write(Path file) throws IOException {
      List<List<String>> lines = new ArrayList<>();
      List<String> header = new ArrayList<>(List.of("METHOD", "path"));
      header.addAll(columns);
      lines.add(header);
      new TreeMap<>(rows)
          .forEach(
              (operation, outcomes) -> {
                List<String> line = new ArrayList<>(List.of(operation.method(), operation.path()));
                line.addAll(outcomes);
                lines.add(line);
              });
      int[] widths = new int[header.size()];
      lines.forEach(l -> range(l).forEach(c -> widths[c] = Math.max(widths[c], l.get(c).length())));
      StringBuilder text = new StringBuilder(HEADER).append('\n');
      for (List<String> line : lines) {
        StringBuilder row = new StringBuilder();
        for (int c = 0; c < line.size(); c++) {
          row.append(line.get(c)).append(" ".repeat(widths[c] - line.get(c).length() + 2));
        }
        text.append(row.toString().stripTrailing()).append('\n');
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** What differs from the observed table, a line each, cells named by column. */
    List<String> differences(Table observed) {
      List<String> differences = new ArrayList<>();
      observed.rows.forEach(
          (operation, seen) -> {
            List<String> expected = rows.get(operation);
            if (expected == null) {
              return;
            }
            Map<String, String> wrong = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
              if (!expected.get(c).equals(seen.get(c))) {
                wrong.put(columns.get(c), "expected " + expected.get(c) + ", was " + seen.get(c));
              }
            }
            if (!wrong.isEmpty()) {
              differences.add(operation + ": " + wrong);
            }
          });
      return differences;
    }

    private static List<Integer> range(List<String> line) {
      List<Integer> indexes = new ArrayList<>();
      for (int i = 0; i < line.size(); i++) {
        indexes.add(i);
      }
      return indexes;
    }
  }
}
