package io.servicebook.flowchart;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.protocol.Protocol;
import org.junit.jupiter.api.Test;

class HtmlTest {

  private final Protocol delivery = ProtocolFixtures.damagedDelivery();

  // ---- HTML --------------------------------------------------------------------------------

  @Test
  void htmlIsAStandalonePageWithInlineSvgLegendAndSteps() {
    String html = Flowcharts.html(delivery);

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html).doesNotContain("http://").doesNotContain("https://");
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
    assertThat(html).contains("<style>").contains("<svg").contains("</svg>");
    assertThat(html).contains("<h1>Damaged or missing delivery</h1>");
    assertThat(html).contains("<li>first response 2 business hours</li>");
    assertThat(html).contains("aria-label=\"Legend\"");
    assertThat(html).contains("<li id=\"step-clarify\">").contains("<h2>Steps</h2>");
    assertThat(html).contains("Next: <a href=\"#step-check\">Is the item damaged or missing?</a>");
  }

  @Test
  void htmlShowsTheTitleAndSlaOnceInThePageNotAgainInTheDrawing() {
    String html = Flowcharts.html(delivery);

    assertThat(html).doesNotContain("class=\"header\"");
    assertThat(html.split(">first response 2 business hours<", -1))
        .as("shown once, in the page")
        .hasSize(2);
    assertThat(Flowcharts.svg(delivery))
        .contains("class=\"header\"")
        .contains("first response 2 business hours");
  }

  @Test
  void htmlEscapesProtocolText() {
    String html = Flowcharts.html(ProtocolFixtures.hostile());

    assertThat(html).doesNotContain("<script>").doesNotContain("<b>loudly");
    assertThat(html)
        .contains("<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</title>");
  }

  @Test
  void htmlIsDeterministic() {
    assertThat(Flowcharts.html(ProtocolFixtures.damagedDelivery()))
        .isEqualTo(Flowcharts.html(ProtocolFixtures.damagedDelivery()));
  }
}
