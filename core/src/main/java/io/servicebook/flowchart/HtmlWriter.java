package io.servicebook.flowchart;

import static io.servicebook.flowchart.Xml.escape;

import io.servicebook.flowchart.Labels.Badge;
import io.servicebook.protocol.Branch;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import java.util.List;

/** Writes a standalone HTML page for a protocol: header, SLA, inline SVG, legend, step list. */
final class HtmlWriter {

  private static final String CSS =
      """
      :root { color-scheme: light; }
      * { box-sizing: border-box; }
      body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
             color: #0f172a; background: #f8fafc; line-height: 1.5; }
      main { max-width: 1100px; margin: 0 auto; padding: 24px; }
      h1 { margin: 0 0 4px; font-size: 1.6rem; }
      .slug { color: #475569; margin: 0 0 12px; font-size: .9rem; }
      .sla { display: flex; flex-wrap: wrap; gap: 8px; padding: 0; margin: 0 0 20px; list-style: none; }
      .sla li { background: #fff; border: 1px solid #cbd5e1; border-radius: 999px; padding: 2px 12px;
                font-size: .85rem; }
      .sla li.breach { background: #fee2e2; border-color: #fca5a5; color: #b91c1c; }
      figure { margin: 0 0 24px; background: #fff; border: 1px solid #e2e8f0; border-radius: 12px;
               overflow-x: auto; }
      figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
      .legend { display: flex; flex-wrap: wrap; gap: 16px; padding: 0; list-style: none;
                font-size: .85rem; margin: 0 0 24px; }
      .legend span.key { display: inline-block; width: 18px; height: 12px; vertical-align: middle;
                         margin-right: 6px; border: 1.5px solid; border-radius: 4px; }
      .key.step { background: #f8fafc; border-color: #94a3b8; }
      .key.decision { background: #fef3c7; border-color: #d97706; transform: rotate(45deg) scale(.8); }
      .key.ends { background: #f0fdf4; border-color: #16a34a; }
      .key.terminal { background: #dcfce7; border-color: #16a34a; border-radius: 999px !important; }
      .key.escalate { background: #fee2e2; border-color: #fee2e2; border-radius: 999px !important; }
      .key.loop { border: 0; border-top: 2px solid #64748b; border-right: 2px solid #64748b;
                  border-radius: 0 8px 0 0; }
      .key.conditional { border: 0; border-top: 2px dashed #64748b; border-radius: 0; }
      ol.steps { padding-left: 1.4em; }
      ol.steps > li { background: #fff; border: 1px solid #e2e8f0; border-radius: 10px;
                      padding: 12px 16px; margin-bottom: 12px; }
      ol.steps h3 { margin: 0 0 4px; font-size: 1.05rem; }
      .id { color: #64748b; font-weight: 400; font-size: .85rem; font-family: ui-monospace, monospace; }
      blockquote { margin: 8px 0; padding: 6px 12px; border-left: 3px solid #94a3b8;
                   background: #f8fafc; white-space: pre-wrap; }
      .badges { display: flex; flex-wrap: wrap; gap: 6px; padding: 0; list-style: none; margin: 6px 0; }
      .badges li { border-radius: 999px; padding: 1px 10px; font-size: .8rem; background: #f1f5f9; }
      .badges li.escalate, .badges li.raise { background: #fee2e2; color: #b91c1c; }
      .badges li.resolve { background: #dcfce7; color: #166534; }
      code { font-family: ui-monospace, monospace; font-size: .85em; background: #f1f5f9;
             padding: 0 4px; border-radius: 4px; }
      .next { color: #334155; font-size: .9rem; margin: 6px 0 0; }
      .end-notes { color: #166534; }
      """;

  private HtmlWriter() {}

  static String write(Protocol p) {
    StringBuilder out = new StringBuilder();
    String title = p.title().isBlank() ? p.slug() : p.title();
    out.append("<!DOCTYPE html>\n<html lang=\"")
        .append(escape(p.defaultLanguage()))
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>")
        .append(escape(title))
        .append("</h1>\n<p class=\"slug\">protocol <code>")
        .append(escape(p.slug()))
        .append("</code>")
        .append(p.owner().map(o -> " · owner " + escape(o)).orElse(""))
        .append("</p>\n");
    out.append("<ul class=\"sla\" aria-label=\"Service level\">\n");
    p.sla()
        .ifPresentOrElse(
            sla ->
                Labels.sla(sla)
                    .forEach(
                        t ->
                            out.append(t.startsWith("on breach") ? "<li class=\"breach\">" : "<li>")
                                .append(escape(t))
                                .append("</li>\n")),
            () -> out.append("<li>no SLA</li>\n"));
    out.append("</ul>\n</header>\n");
    out.append("<figure>\n")
        .append(
            SvgWriter.write(
                p, Highlight.NONE, Flowcharts.NAMED_CALENDARS_COUNT_BUSINESS_TIME, false))
        .append("</figure>\n");
    legend(out);
    steps(out, p);
    out.append("</main>\n</body>\n</html>\n");
    return out.toString();
  }

  private static void legend(StringBuilder out) {
    out.append("<ul class=\"legend\" aria-label=\"Legend\">\n");
    String[][] keys = {
      {"step", "step"},
      {"decision", "decision"},
      {"ends", "step that ends the run"},
      {"terminal", "start / end"},
      {"escalate", "escalation or priority raised"},
      {"loop", "loop back to an earlier step"},
      {"conditional", "taken only if a condition holds"},
    };
    for (String[] k : keys) {
      out.append("<li><span class=\"key ")
          .append(k[0])
          .append("\"></span>")
          .append(escape(k[1]))
          .append("</li>\n");
    }
    out.append(
        "<li>⚑ escalate · € compensate · ✓ resolve · ↪ handoff · ↻ follow-up · ★ survey ·"
            + " ✉ notify · ⇄ reassign · ▲ raise priority</li>\n");
    out.append("</ul>\n");
  }

  private static void steps(StringBuilder out, Protocol p) {
    out.append("<section>\n<h2>Steps</h2>\n<ol class=\"steps\">\n");
    Channel channel = p.channels().isEmpty() ? Channel.CHAT : p.channels().get(0);
    for (Step s : p.steps()) {
      out.append("<li id=\"step-")
          .append(escape(Xml.idPart(s.id())))
          .append("\">\n<h3>")
          .append(escape(s.displayTitle()))
          .append(" <span class=\"id\">")
          .append(escape(s.id()))
          .append("</span>")
          .append(s.skippable() ? " <span class=\"id\">(optional)</span>" : "")
          .append("</h3>\n");
      s.guidance().ifPresent(g -> out.append("<p>").append(escape(g)).append("</p>\n"));
      s.script()
          .flatMap(sc -> sc.select(p.defaultLanguage(), channel, p.defaultLanguage()))
          .ifPresent(
              t ->
                  out.append("<blockquote>")
                      .append(escape(t.template().strip()))
                      .append("</blockquote>\n"));
      if (!s.capture().isEmpty()) {
        out.append("<p>Capture: ");
        List<String> names = s.capture();
        for (int i = 0; i < names.size(); i++) {
          out.append(i == 0 ? "" : ", ")
              .append("<code>")
              .append(escape(names.get(i)))
              .append("</code>");
        }
        out.append("</p>\n");
      }
      if (!s.actions().isEmpty()) {
        out.append("<ul class=\"badges\">\n");
        for (var a : s.actions()) {
          Badge b = Labels.badge(a);
          out.append("<li class=\"")
              .append(a.key().replace('_', '-').split("-")[0])
              .append("\">")
              .append(escape(b.text()))
              .append("</li>\n");
        }
        out.append("</ul>\n");
      }
      if (!s.decide().isEmpty() && !s.ends()) {
        out.append("<ul>\n");
        for (Branch b : s.decide()) {
          out.append("<li>");
          switch (b) {
            case Branch.When w ->
                out.append("if <code>").append(escape(w.when().expression())).append("</code>");
            case Branch.Choice c -> out.append("choose “").append(escape(c.label())).append('”');
            case Branch.Otherwise o -> out.append("otherwise");
          }
          out.append(" → ").append(link(p, b.target())).append("</li>\n");
        }
        out.append("</ul>\n");
      } else if (s.ends()) {
        out.append("<p class=\"next\">Ends the run.</p>\n");
      } else {
        out.append("<p class=\"next\">Next: ")
            .append(p.followingStep(s).map(id -> link(p, id)).orElse("end"))
            .append("</p>\n");
      }
      out.append("</li>\n");
    }
    out.append("</ol>\n");
    List<String> notes = Graph.of(p).endNotes();
    if (!notes.isEmpty()) {
      out.append("<h2>After the run</h2>\n<ul class=\"end-notes\">\n");
      notes.forEach(n -> out.append("<li>").append(escape(n)).append("</li>\n"));
      out.append("</ul>\n");
    }
    out.append("</section>\n");
  }

  private static String link(Protocol p, String stepId) {
    String title = p.step(stepId).map(Step::displayTitle).orElse(stepId);
    return "<a href=\"#step-" + escape(Xml.idPart(stepId)) + "\">" + escape(title) + "</a>";
  }
}
