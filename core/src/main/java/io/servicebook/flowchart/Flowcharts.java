package io.servicebook.flowchart;

import io.servicebook.protocol.Protocol;
import java.util.function.Predicate;

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

  /**
   * Whether an SLA's calendar counts business time, where nothing more is known: a named calendar
   * does (the format's reading), none runs around the clock.
   */
  public static final Predicate<String> NAMED_CALENDARS_COUNT_BUSINESS_TIME = name -> true;

  /** The SVG with the current step and the path taken highlighted. */
  public static String svg(Protocol p, Highlight h) {
    return svg(p, h, NAMED_CALENDARS_COUNT_BUSINESS_TIME);
  }

  /**
   * The SVG, its SLA targets said in business time ("24 business hours") when {@code
   * businessCalendar} says the SLA's calendar is not open around the clock.
   */
  public static String svg(Protocol p, Highlight h, Predicate<String> businessCalendar) {
    return SvgWriter.write(p, h, businessCalendar, true);
  }

  /**
   * A standalone HTML page: title, SLA summary, the inline SVG, a legend and the steps as a list.
   * It loads nothing from the network.
   */
  public static String html(Protocol p) {
    return HtmlWriter.write(p);
  }
}
