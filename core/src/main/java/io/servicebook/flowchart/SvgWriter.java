package io.servicebook.flowchart;

import static io.servicebook.flowchart.Xml.escape;
import static io.servicebook.flowchart.Xml.num;

import io.servicebook.flowchart.Labels.Badge;
import io.servicebook.flowchart.Layout.LNode;
import io.servicebook.flowchart.Layout.Point;
import io.servicebook.flowchart.Layout.Route;
import io.servicebook.flowchart.Layout.Size;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Draws a protocol's {@link Graph} as SVG, using a {@link Layout}. */
final class SvgWriter {

  static final String FONT =
      "system-ui, -apple-system, &#39;Segoe UI&#39;, Roboto, &#39;Helvetica Neue&#39;, Arial,"
          + " sans-serif";

  private static final double FONT_SIZE = 13;
  private static final double LINE = 17;
  private static final double BADGE_FONT = 11;
  private static final double BADGE_H = 18;
  private static final double BADGE_GAP = 4;
  private static final double PAD_X = 16;
  private static final double PAD_Y = 10;
  private static final int WRAP = 28;
  private static final int DECISION_WRAP = 22;
  private static final double LABEL_FONT = 11.5;
  private static final double TERMINAL_W = 92;
  private static final double TERMINAL_H = 34;
  private static final double NOTE_FONT = 11;
  private static final double NOTE_LINE = 15;
  private static final double MARGIN = 28;

  static final String EDGE = "#64748b";
  static final String TAKEN = "#2563eb";

  private final Graph graph;
  private final Highlight highlight;
  private final String prefix;
  private final StringBuilder out = new StringBuilder();

  private final Predicate<String> businessCalendar;

  private SvgWriter(Graph graph, Highlight highlight, Predicate<String> businessCalendar) {
    this.graph = graph;
    this.highlight = highlight;
    this.businessCalendar = businessCalendar;
    this.prefix = "sb-" + Xml.idPart(graph.protocol.slug());
  }

  /** The SVG; {@code standalone} adds the XML declaration and namespace a file needs. */
  static String write(
      Protocol protocol,
      Highlight highlight,
      Predicate<String> businessCalendar,
      boolean standalone) {
    SvgWriter w = new SvgWriter(Graph.of(protocol), highlight, businessCalendar);
    w.draw(standalone);
    return w.out.toString();
  }

  // ---- measuring ---------------------------------------------------------------------------

  private static List<String> titleLines(Graph.Node n) {
    return Labels.wrap(n.title(), n.kind() == Graph.Kind.DECISION ? DECISION_WRAP : WRAP);
  }

  private static double titleWidth(List<String> lines) {
    return lines.stream().mapToDouble(l -> Labels.width(l, FONT_SIZE) * 1.12).max().orElse(0);
  }

  private static double badgeWidth(Badge b) {
    return Labels.width(b.text(), BADGE_FONT) + 16;
  }

  private static double badgesHeight(List<Badge> badges) {
    return badges.isEmpty() ? 0 : 8 + badges.size() * BADGE_H + (badges.size() - 1) * BADGE_GAP;
  }

  private Size size(Graph.Node n) {
    double badgesW = n.badges().stream().mapToDouble(SvgWriter::badgeWidth).max().orElse(0);
    return switch (n.kind()) {
      case START -> Size.box(TERMINAL_W, TERMINAL_H);
      case END -> {
        List<String> notes = graph.endNotes();
        double w = notes.stream().mapToDouble(t -> Labels.width(t, NOTE_FONT)).max().orElse(0);
        yield Size.box(
            Math.max(TERMINAL_W, w + 8),
            TERMINAL_H + (notes.isEmpty() ? 0 : 8 + notes.size() * NOTE_LINE));
      }
      case STEP -> {
        List<String> lines = titleLines(n);
        double w = Math.max(titleWidth(lines), badgesW) + 2 * PAD_X;
        yield Size.box(
            Math.max(140, w), 2 * PAD_Y + lines.size() * LINE + badgesHeight(n.badges()));
      }
      case DECISION -> {
        List<String> lines = titleLines(n);
        double tw = Math.max(titleWidth(lines), 30);
        double th = lines.size() * LINE;
        double dw = Math.max(150, tw * 1.45 + 40);
        double dh = Math.max(64, th / (1 - tw / dw) + 14);
        yield new Size(Math.max(dw, badgesW + 8), dh + badgesHeight(n.badges()), dh);
      }
    };
  }

  private static Size labelSize(Graph.Edge e) {
    return e.labelled() ? Size.box(Labels.width(e.label(), LABEL_FONT) + 14, 20) : Size.box(0, 0);
  }

  // ---- drawing -----------------------------------------------------------------------------

  private void draw(boolean standalone) {
    Layout layout =
        Layout.of(
            graph,
            graph.nodes.stream().map(this::size).toList(),
            graph.edges.stream().map(SvgWriter::labelSize).toList());
    Protocol p = graph.protocol;
    double contentW = layout.maxX - layout.minX;
    // Embedded in the HTML page, the page itself shows the title and the SLA: no band then.
    Header header = standalone ? header(p, contentW + 2 * MARGIN) : null;
    double width = standalone ? header.width : contentW + 2 * MARGIN;
    double dx = (width - contentW) / 2 - layout.minX;
    double dy = (standalone ? header.height : 0) + 24;
    double height = dy + layout.maxY + MARGIN;

    if (standalone) {
      out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    out.append("<svg");
    if (standalone) {
      out.append(" xmlns=\"http://www.w3.org/2000/svg\"");
    }
    out.append(" class=\"servicebook-flowchart\" viewBox=\"0 0 ")
        .append(num(width))
        .append(' ')
        .append(num(height))
        .append("\" width=\"")
        .append(num(width))
        .append("\" height=\"")
        .append(num(height))
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(prefix)
        .append("-title ")
        .append(prefix)
        .append("-desc\" font-family=\"")
        .append(FONT)
        .append("\">\n");
    out.append("<title id=\"")
        .append(prefix)
        .append("-title\">")
        .append(escape("Flowchart: " + p.title()))
        .append("</title>\n");
    out.append("<desc id=\"")
        .append(prefix)
        .append("-desc\">")
        .append(escape(description()))
        .append("</desc>\n");
    defs();
    out.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    if (header != null) {
      header.draw(width);
    }

    Set<Long> taken = takenEdges();
    out.append("<g class=\"edges\" fill=\"none\" transform=\"translate(")
        .append(num(dx))
        .append(',')
        .append(num(dy))
        .append(")\">\n");
    for (Route r : layout.routes) {
      edge(r, taken.contains(key(r.edge().from(), r.edge().to())));
    }
    out.append("</g>\n");
    out.append("<g class=\"nodes\" transform=\"translate(")
        .append(num(dx))
        .append(',')
        .append(num(dy))
        .append(")\">\n");
    for (Graph.Node n : graph.nodes) {
      node(n, layout.byGraphNode[n.index()]);
    }
    out.append("</g>\n");
    out.append("<g class=\"edge-labels\" transform=\"translate(")
        .append(num(dx))
        .append(',')
        .append(num(dy))
        .append(")\">\n");
    for (Route r : layout.routes) {
      r.labelCenter().ifPresent(at -> edgeLabel(r.edge(), at));
    }
    out.append("</g>\n</svg>\n");
  }

  private void defs() {
    out.append("<defs>\n");
    for (String[] marker : new String[][] {{"arrow", EDGE}, {"arrow-taken", TAKEN}}) {
      out.append("<marker id=\"")
          .append(prefix)
          .append('-')
          .append(marker[0])
          .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"10\"")
          .append(" markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">")
          .append("<path d=\"M0,1 L10,5 L0,9 z\" fill=\"")
          .append(marker[1])
          .append("\"/></marker>\n");
    }
    out.append("</defs>\n");
  }

  // ---- header band -------------------------------------------------------------------------

  private record Chip(String text, boolean breach) {}

  private final class Header {
    final List<List<Chip>> rows = new ArrayList<>();
    final String title;
    final String subtitle;
    double width;
    double height;

    Header(Protocol p, double minWidth) {
      title = p.title().isBlank() ? p.slug() : p.title();
      subtitle =
          "protocol "
              + p.slug()
              + " · "
              + p.steps().size()
              + (p.steps().size() == 1 ? " step" : " steps");
      List<Chip> chips = new ArrayList<>();
      p.sla()
          .ifPresentOrElse(
              sla ->
                  Labels.sla(sla, businessCalendar)
                      .forEach(t -> chips.add(new Chip(t, t.startsWith("on breach")))),
              () -> chips.add(new Chip("no SLA", false)));
      width =
          Math.max(
              Math.max(minWidth, 520),
              Math.max(
                  Labels.width(title, 18) * 1.2 + 2 * MARGIN,
                  Labels.width(subtitle, 12) + 2 * MARGIN));
      for (Chip c : chips) {
        width = Math.max(width, chipWidth(c) + 2 * MARGIN);
      }
      double x = 0;
      List<Chip> row = new ArrayList<>();
      for (Chip c : chips) {
        double w = chipWidth(c);
        if (!row.isEmpty() && x + w > width - 2 * MARGIN) {
          rows.add(row);
          row = new ArrayList<>();
          x = 0;
        }
        row.add(c);
        x += w + 8;
      }
      if (!row.isEmpty()) {
        rows.add(row);
      }
      height = 18 + 24 + 20 + rows.size() * 28 + 10;
    }

    void draw(double svgWidth) {
      out.append("<g class=\"header\">\n");
      out.append("<rect width=\"")
          .append(num(svgWidth))
          .append("\" height=\"")
          .append(num(height))
          .append("\" fill=\"#f1f5f9\"/>\n");
      out.append("<line x1=\"0\" x2=\"")
          .append(num(svgWidth))
          .append("\" y1=\"")
          .append(num(height))
          .append("\" y2=\"")
          .append(num(height))
          .append("\" stroke=\"#cbd5e1\"/>\n");
      text(MARGIN, 18 + 18, 18, "700", "#0f172a", "start", title);
      text(MARGIN, 18 + 24 + 14, 12, "400", "#475569", "start", subtitle);
      double y = 18 + 24 + 20 + 4;
      for (List<Chip> row : rows) {
        double x = MARGIN;
        for (Chip c : row) {
          double w = chipWidth(c);
          out.append("<g class=\"sla-chip")
              .append(c.breach() ? " breach" : "")
              .append("\"><rect x=\"")
              .append(num(x))
              .append("\" y=\"")
              .append(num(y))
              .append("\" width=\"")
              .append(num(w))
              .append("\" height=\"22\" rx=\"11\" fill=\"")
              .append(c.breach() ? "#fee2e2" : "#ffffff")
              .append("\" stroke=\"")
              .append(c.breach() ? "#fca5a5" : "#cbd5e1")
              .append("\"/>");
          text(
              x + w / 2, y + 15, 12, "500", c.breach() ? "#b91c1c" : "#334155", "middle", c.text());
          out.append("</g>\n");
          x += w + 8;
        }
        y += 28;
      }
      out.append("</g>\n");
    }

    private static double chipWidth(Chip c) {
      return Labels.width(c.text(), 12) + 22;
    }
  }

  private Header header(Protocol p, double minWidth) {
    return new Header(p, minWidth);
  }

  // ---- nodes -------------------------------------------------------------------------------

  private void node(Graph.Node n, LNode at) {
    Size s = at.size;
    double left = at.left();
    double top = at.top();
    Optional<String> stepId = n.step().map(Step::id);
    boolean current = stepId.isPresent() && stepId.equals(highlight.currentStep());
    boolean visited = stepId.isPresent() && highlight.visitedSteps().contains(stepId.get());
    String cls =
        switch (n.kind()) {
          case START -> "node start";
          case END -> "node end";
          case STEP -> "node step";
          case DECISION -> "node step decision";
        };
    out.append("<g class=\"")
        .append(cls)
        .append(n.endsRun() ? " ends" : "")
        .append(n.escalates() ? " escalates" : "")
        .append(visited ? " visited" : "")
        .append(current ? " current" : "")
        .append("\" id=\"")
        .append(prefix)
        .append('-')
        .append(
            switch (n.kind()) {
              case START -> "start";
              case END -> "end";
              default -> "step-" + n.index() + "-" + Xml.idPart(stepId.orElse(""));
            })
        .append('"');
    stepId.ifPresent(id -> out.append(" data-step=\"").append(escape(id)).append('"'));
    if (current) {
      out.append(" aria-current=\"step\"");
    }
    out.append(">\n");
    n.step()
        .ifPresent(
            step ->
                out.append("<title>")
                    .append(
                        escape(
                            step.displayTitle() + step.guidance().map(g -> " — " + g).orElse("")))
                    .append("</title>\n"));

    String fill;
    String stroke;
    switch (n.kind()) {
      case START -> {
        fill = "#e2e8f0";
        stroke = "#475569";
      }
      case END -> {
        fill = "#dcfce7";
        stroke = "#16a34a";
      }
      case DECISION -> {
        fill = "#fef3c7";
        stroke = "#d97706";
      }
      default -> {
        fill = n.endsRun() ? "#f0fdf4" : "#f8fafc";
        stroke = n.endsRun() ? "#16a34a" : "#94a3b8";
      }
    }
    if (visited) {
      fill = "#eff6ff";
      stroke = "#3b82f6";
    }
    double strokeWidth = current ? 3 : 1.5;
    if (current) {
      stroke = TAKEN;
    }
    double shapeH = n.kind() == Graph.Kind.END ? TERMINAL_H : s.h();
    double shapeW = n.kind() == Graph.Kind.END ? TERMINAL_W : s.w();
    double shapeLeft = at.x - shapeW / 2;
    if (n.kind() == Graph.Kind.DECISION) {
      double dh = s.diamondHeight();
      String points =
          num(at.x)
              + ","
              + num(top)
              + " "
              + num(left + s.w())
              + ","
              + num(top + dh / 2)
              + " "
              + num(at.x)
              + ","
              + num(top + dh)
              + " "
              + num(left)
              + ","
              + num(top + dh / 2);
      if (current) {
        out.append("<polygon points=\"")
            .append(points)
            .append(
                "\" fill=\"none\" stroke=\"#93c5fd\" stroke-width=\"8\" stroke-linejoin=\"round\"/>\n");
      }
      out.append("<polygon points=\"")
          .append(points)
          .append("\" fill=\"")
          .append(fill)
          .append("\" stroke=\"")
          .append(stroke)
          .append("\" stroke-width=\"")
          .append(num(strokeWidth))
          .append("\" stroke-linejoin=\"round\"/>\n");
    } else {
      double rx = n.kind() == Graph.Kind.START || n.kind() == Graph.Kind.END ? shapeH / 2 : 10;
      if (current) {
        rect(shapeLeft - 4, top - 4, shapeW + 8, shapeH + 8, rx + 4, "none", "#93c5fd", 3);
      }
      rect(shapeLeft, top, shapeW, shapeH, rx, fill, stroke, strokeWidth);
    }

    switch (n.kind()) {
      case START, END -> {
        text(at.x, top + shapeH / 2 + 4.5, FONT_SIZE, "700", "#0f172a", "middle", n.title());
        if (n.kind() == Graph.Kind.END) {
          double y = top + TERMINAL_H + 8;
          for (String note : graph.endNotes()) {
            text(at.x, y + 11, NOTE_FONT, "400", "#166534", "middle", note);
            y += NOTE_LINE;
          }
        }
      }
      case STEP, DECISION -> {
        List<String> lines = titleLines(n);
        double textTop =
            n.kind() == Graph.Kind.DECISION
                ? top + s.diamondHeight() / 2 - lines.size() * LINE / 2
                : top + PAD_Y;
        for (int i = 0; i < lines.size(); i++) {
          text(at.x, textTop + i * LINE + 13, FONT_SIZE, "600", "#0f172a", "middle", lines.get(i));
        }
        double by =
            n.kind() == Graph.Kind.DECISION
                ? top + s.diamondHeight() + 8
                : textTop + lines.size() * LINE + 8;
        for (Badge b : n.badges()) {
          badge(b, at.x, by);
          by += BADGE_H + BADGE_GAP;
        }
      }
    }
    out.append("</g>\n");
  }

  private void badge(Badge b, double cx, double top) {
    String[] colours =
        switch (b.tone()) {
          case ESCALATE -> new String[] {"#fee2e2", "#b91c1c"};
          case MONEY -> new String[] {"#fef9c3", "#854d0e"};
          case RESOLVE -> new String[] {"#dcfce7", "#166534"};
          case HANDOFF -> new String[] {"#e0e7ff", "#3730a3"};
          case SCHEDULE -> new String[] {"#e0f2fe", "#075985"};
          case SURVEY -> new String[] {"#f3e8ff", "#6b21a8"};
          case INFO -> new String[] {"#f1f5f9", "#334155"};
        };
    double w = badgeWidth(b);
    out.append("<g class=\"badge ")
        .append(b.tone().name().toLowerCase(java.util.Locale.ROOT))
        .append("\">");
    rect(cx - w / 2, top, w, BADGE_H, BADGE_H / 2, colours[0], "none", 0);
    text(cx, top + 12.5, BADGE_FONT, "500", colours[1], "middle", b.text());
    out.append("</g>\n");
  }

  // ---- edges -------------------------------------------------------------------------------

  private void edge(Route r, boolean taken) {
    StringBuilder d = new StringBuilder();
    List<Point> pts = r.points();
    if (r.back()) {
      Point s = pts.get(0);
      Point t = pts.get(3);
      double lane = pts.get(1).x();
      double dir = r.rightSide() ? 1 : -1;
      double rad = Math.max(0, Math.min(10, Math.abs(s.y() - t.y()) / 2));
      double up = t.y() <= s.y() ? -1 : 1;
      d.append("M").append(num(s.x())).append(',').append(num(s.y()));
      d.append(" L").append(num(lane - dir * rad)).append(',').append(num(s.y()));
      d.append(" Q").append(num(lane)).append(',').append(num(s.y())).append(' ');
      d.append(num(lane)).append(',').append(num(s.y() + up * rad));
      d.append(" L").append(num(lane)).append(',').append(num(t.y() - up * rad));
      d.append(" Q").append(num(lane)).append(',').append(num(t.y())).append(' ');
      d.append(num(lane - dir * rad)).append(',').append(num(t.y()));
      d.append(" L").append(num(t.x())).append(',').append(num(t.y()));
    } else {
      d.append("M").append(num(pts.get(0).x())).append(',').append(num(pts.get(0).y()));
      for (int i = 1; i < pts.size(); i++) {
        Point a = pts.get(i - 1);
        Point b = pts.get(i);
        if (Math.abs(a.x() - b.x()) < 0.5) {
          d.append(" L").append(num(b.x())).append(',').append(num(b.y()));
        } else {
          double my = (a.y() + b.y()) / 2;
          d.append(" C")
              .append(num(a.x()))
              .append(',')
              .append(num(my))
              .append(' ')
              .append(num(b.x()))
              .append(',')
              .append(num(my))
              .append(' ')
              .append(num(b.x()))
              .append(',')
              .append(num(b.y()));
        }
      }
    }
    out.append("<path class=\"edge")
        .append(r.back() ? " back" : "")
        .append(r.edge().conditional() ? " conditional" : "")
        .append(taken ? " taken" : "")
        .append("\" d=\"")
        .append(d)
        .append("\" stroke=\"")
        .append(taken ? TAKEN : EDGE)
        .append("\" stroke-width=\"")
        .append(taken ? "2.5" : "1.5")
        .append('"');
    if (r.edge().conditional()) {
      out.append(" stroke-dasharray=\"5 4\"");
    }
    out.append(" marker-end=\"url(#")
        .append(prefix)
        .append(taken ? "-arrow-taken" : "-arrow")
        .append(")\"/>\n");
  }

  private void edgeLabel(Graph.Edge e, Point at) {
    Size s = labelSize(e);
    out.append("<g class=\"edge-label\">");
    rect(at.x() - s.w() / 2, at.y() - s.h() / 2, s.w(), s.h(), 5, "#ffffff", "#e2e8f0", 1);
    text(at.x(), at.y() + 4, LABEL_FONT, "500", "#334155", "middle", e.label());
    out.append("</g>\n");
  }

  // ---- highlight ---------------------------------------------------------------------------

  private static long key(int from, int to) {
    return ((long) from << 32) | (to & 0xffffffffL);
  }

  private Set<Long> takenEdges() {
    List<String> path = new ArrayList<>(highlight.visitedSteps());
    highlight
        .currentStep()
        .filter(c -> path.isEmpty() || !path.get(path.size() - 1).equals(c))
        .ifPresent(path::add);
    Set<Long> taken = new HashSet<>();
    if (path.isEmpty()) {
      return taken;
    }
    List<Step> steps = graph.protocol.steps();
    if (!steps.isEmpty() && steps.get(0).id().equals(path.get(0))) {
      taken.add(key(graph.start(), 1));
    }
    for (int i = 0; i + 1 < path.size(); i++) {
      int from = indexOf(path.get(i));
      int to = indexOf(path.get(i + 1));
      if (from > 0 && to > 0) {
        taken.add(key(from, to));
      }
    }
    return taken;
  }

  private int indexOf(String stepId) {
    List<Step> steps = graph.protocol.steps();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).id().equals(stepId)) {
        return i + 1;
      }
    }
    return -1;
  }

  // ---- text for screen readers -------------------------------------------------------------

  private String description() {
    Protocol p = graph.protocol;
    StringBuilder d =
        new StringBuilder("Flowchart of the protocol ").append(p.title()).append(". ");
    p.sla()
        .ifPresent(
            sla ->
                d.append("SLA: ")
                    .append(String.join(", ", Labels.sla(sla, businessCalendar)))
                    .append(". "));
    for (Graph.Edge e : graph.edges) {
      d.append(graph.nodes.get(e.from()).title())
          .append(" leads to ")
          .append(graph.nodes.get(e.to()).title());
      if (e.labelled()) {
        d.append(" (").append(e.label()).append(')');
      }
      d.append(". ");
    }
    highlightDescription(d);
    return d.toString().strip();
  }

  /** The run's place in words, for readers who do not see the colours. */
  private void highlightDescription(StringBuilder d) {
    if (!highlight.visitedSteps().isEmpty()) {
      d.append("Path taken: ")
          .append(String.join(" → ", highlight.visitedSteps().stream().map(this::titleOf).toList()))
          .append(". ");
    }
    highlight
        .currentStep()
        .ifPresent(id -> d.append("Current step: ").append(titleOf(id)).append(". "));
  }

  private String titleOf(String stepId) {
    int index = indexOf(stepId);
    return index > 0 ? graph.nodes.get(index).title() : stepId;
  }

  // ---- primitives --------------------------------------------------------------------------

  private void rect(
      double x, double y, double w, double h, double rx, String fill, String stroke, double sw) {
    out.append("<rect x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" width=\"")
        .append(num(w))
        .append("\" height=\"")
        .append(num(h))
        .append("\" rx=\"")
        .append(num(rx))
        .append("\" fill=\"")
        .append(fill)
        .append('"');
    if (sw > 0) {
      out.append(" stroke=\"")
          .append(stroke)
          .append("\" stroke-width=\"")
          .append(num(sw))
          .append('"');
    }
    out.append("/>\n");
  }

  private void text(
      double x, double y, double size, String weight, String fill, String anchor, String text) {
    out.append("<text x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" font-size=\"")
        .append(num(size))
        .append("\" font-weight=\"")
        .append(weight)
        .append("\" fill=\"")
        .append(fill)
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(escape(text))
        .append("</text>\n");
  }
}
