package io.servicebook.flowchart;

import io.servicebook.protocol.Protocol;

/**
 * Flowcharts of a protocol for people: Mermaid text for documentation, a standalone SVG with its
 * own layout, and a standalone HTML page. Output depends only on the protocol (and highlight), so
 * the same protocol always gives the same text.
 */
public final class Flowcharts {

  private Flowcharts() {}

  /** Mermaid {@code flowchart TD} text: decisions as diamonds, steps rounded, terminals. */
  public static String mermaid(Protocol p) {
    return MermaidWriter.write(p);
  }

  /** A standalone SVG document: header band with the SLA, then the flowchart. */
  public static String svg(Protocol p) {
    return svg(p, Highlight.NONE);
  }

  /** The SVG with the current step and the path taken highlighted. */
  public static String svg(Protocol p, Highlight h) {
    return SvgWriter.write(p, h, true);
  }

  /**
   * A standalone HTML page: title, SLA summary, the inline SVG, a legend and the steps as a list.
   * It loads nothing from the network.
   */
  public static String html(Protocol p) {
    return HtmlWriter.write(p);
  }
}
