package io.servicebook.server.console;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.springframework.stereotype.Component;

/**
 * A step's guidance, written in Markdown by the protocol's author, as HTML the page may show: the
 * sanitizer keeps text formatting, lists and links and drops everything else (scripts, styles,
 * event handlers, images).
 */
@Component
class Guidance {

  private static final Parser MARKDOWN = Parser.builder().build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).build();
  private static final PolicyFactory POLICY =
      Sanitizers.FORMATTING
          .and(Sanitizers.BLOCKS)
          .and(Sanitizers.LINKS)
          .and(new HtmlPolicyBuilder().allowElements("code", "pre", "ul", "ol", "li").toFactory());

  String html(String markdown) {
    return POLICY.sanitize(HTML.render(MARKDOWN.parse(markdown)));
  }
}
