package io.servicebook.flowchart;

import io.servicebook.flowchart.Labels.Badge;
import io.servicebook.protocol.Protocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes a protocol's {@link Graph} as a Mermaid {@code flowchart TD}. */
final class MermaidWriter {

  private MermaidWriter() {}

  static String write(Protocol p) {
    Graph g = Graph.of(p);
    List<String> ids = ids(g);
    StringBuilder out = new StringBuilder();
    out.append("---\ntitle: \"").append(yamlEscape(p.title())).append("\"\n---\n");
    out.append("flowchart TD\n");
    out.append("  %% protocol ").append(comment(p.slug())).append('\n');
    p.sla()
        .ifPresent(
            sla ->
                Labels.sla(sla)
                    .forEach(t -> out.append("  %% SLA ").append(comment(t)).append('\n')));
    List<String> ends = new ArrayList<>();
    List<String> escalations = new ArrayList<>();
    for (Graph.Node n : g.nodes) {
      String id = ids.get(n.index());
      List<String> lines = new ArrayList<>();
      lines.add(n.title());
      n.badges().stream().map(Badge::text).forEach(lines::add);
      if (n.kind() == Graph.Kind.END) {
        lines.addAll(g.endNotes());
      }
      String label = String.join("<br/>", lines.stream().map(MermaidWriter::label).toList());
      String shape =
          switch (n.kind()) {
            case START, END -> "([\"" + label + "\"])";
            case DECISION -> "{\"" + label + "\"}";
            case STEP -> "(\"" + label + "\")";
          };
      out.append("  ").append(id).append(shape).append('\n');
      if (n.endsRun()) {
        ends.add(id);
      }
      if (n.escalates()) {
        escalations.add(id);
      }
    }
    for (Graph.Edge e : g.edges) {
      out.append("  ").append(ids.get(e.from())).append(e.conditional() ? " -.->" : " -->");
      if (e.labelled()) {
        out.append("|\"").append(label(e.label())).append("\"|");
      }
      out.append(' ').append(ids.get(e.to())).append('\n');
    }
    out.append("  classDef terminal fill:#dcfce7,stroke:#16a34a,color:#0f172a\n");
    out.append("  classDef step fill:#f8fafc,stroke:#94a3b8,color:#0f172a\n");
    out.append("  classDef decision fill:#fef3c7,stroke:#d97706,color:#0f172a\n");
    out.append("  classDef ends fill:#f0fdf4,stroke:#16a34a,color:#0f172a\n");
    out.append("  classDef escalates stroke:#dc2626,stroke-width:2px\n");
    out.append("  class ").append(ids.get(g.start())).append(',').append(ids.get(g.end()));
    out.append(" terminal\n");
    List<String> steps = new ArrayList<>();
    List<String> decisions = new ArrayList<>();
    for (Graph.Node n : g.nodes) {
      if (n.kind() == Graph.Kind.STEP && !n.endsRun()) {
        steps.add(ids.get(n.index()));
      } else if (n.kind() == Graph.Kind.DECISION) {
        decisions.add(ids.get(n.index()));
      }
    }
    classLine(out, steps, "step");
    classLine(out, decisions, "decision");
    classLine(out, ends, "ends");
    classLine(out, escalations, "escalates");
    return out.toString();
  }

  private static void classLine(StringBuilder out, List<String> ids, String cls) {
    if (!ids.isEmpty()) {
      out.append("  class ").append(String.join(",", ids)).append(' ').append(cls).append('\n');
    }
  }

  /**
   * Node ids: {@code start_node}/{@code end_node} and {@code s_} plus the step id in [A-Za-z0-9_].
   */
  static List<String> ids(Graph g) {
    List<String> ids = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Graph.Node n : g.nodes) {
      String base =
          switch (n.kind()) {
            case START -> "start_node";
            case END -> "end_node";
            default -> "s_" + n.step().orElseThrow().id().replaceAll("[^A-Za-z0-9_]", "_");
          };
      String id = base;
      for (int k = 2; !used.add(id); k++) {
        id = base + "_" + k;
      }
      ids.add(id);
    }
    return ids;
  }

  /** Text inside a quoted Mermaid label, with Mermaid's entity codes for special characters. */
  static String label(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '"' -> out.append("#quot;");
        case '#' -> out.append("#35;");
        case '<' -> out.append("#lt;");
        case '>' -> out.append("#gt;");
        case '&' -> out.append("#amp;");
        case '|' -> out.append("#124;");
        case '`' -> out.append("#96;");
        case '\n', '\r', '\t' -> out.append(' ');
        default -> out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  private static String comment(String text) {
    return text.replaceAll("[\\r\\n]+", " ");
  }

  /**
   * The title in a YAML double-quoted string. Angle brackets become look-alike quotation marks, as
   * Mermaid does not decode its entity codes in the front matter and raw markup must not pass.
   */
  private static String yamlEscape(String text) {
    return comment(text)
        .replace("\\", "\\\\")
        .replace("\"", "\\\"")
        .replace('<', '‹')
        .replace('>', '›');
  }
}
