package io.servicebook.flowchart;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.protocol.Protocol;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgTest {

  private final Protocol delivery = ProtocolFixtures.damagedDelivery();

  // ---- SVG ---------------------------------------------------------------------------------

  @Test
  void svgIsWellFormedXmlWithTitleDescAndViewBox() throws Exception {
    Document doc = parse(Flowcharts.svg(delivery));

    Element svg = doc.getDocumentElement();
    assertThat(svg.getTagName()).isEqualTo("svg");
    assertThat(svg.getAttribute("viewBox")).matches("0 0 \\d+(\\.\\d)? \\d+(\\.\\d)?");
    assertThat(svg.getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("Flowchart: Damaged or missing delivery");
    assertThat(svg.getElementsByTagName("desc").item(0).getTextContent())
        .contains("Clarify what happened leads to Is the item damaged or missing?");
  }

  @Test
  void svgHasOneNodePerStepPlusStartAndEnd() throws Exception {
    Document doc = parse(Flowcharts.svg(delivery));

    List<Element> nodes = elementsWithClass(doc, "g", "node");
    assertThat(nodes).hasSize(delivery.steps().size() + 2);
    assertThat(
            nodes.stream()
                .filter(n -> n.hasAttribute("data-step"))
                .map(n -> n.getAttribute("data-step")))
        .containsExactlyElementsOf(delivery.steps().stream().map(s -> s.id()).toList());
    assertThat(elementsWithClass(doc, "g", "start")).hasSize(1);
    assertThat(elementsWithClass(doc, "g", "end")).hasSize(1);
    assertThat(elementsWithClass(doc, "g", "decision")).hasSize(2);
    assertThat(
            elementsWithClass(doc, "g", "decision")
                .get(0)
                .getElementsByTagName("polygon")
                .getLength())
        .isEqualTo(1);
  }

  @Test
  void svgDrawsTheLoopAsOneBackEdge() throws Exception {
    Document doc = parse(Flowcharts.svg(delivery));

    assertThat(elementsWithClass(doc, "path", "back")).hasSize(1);
    assertThat(elementsWithClass(doc, "path", "edge")).hasSize(18);
    assertThat(
            parse(Flowcharts.svg(ProtocolFixtures.linear()))
                .getElementsByTagName("path")
                .getLength())
        .as("no back edge without a loop")
        .isEqualTo(4 + 2); // 4 edges + 2 arrowhead markers
    assertThat(elementsWithClass(parse(Flowcharts.svg(ProtocolFixtures.linear())), "path", "back"))
        .isEmpty();
  }

  @Test
  void svgShowsSlaActionsAndFollowUpAsText() {
    String svg = Flowcharts.svg(delivery);

    assertThat(svg)
        .contains(">first response 2 business hours<")
        .contains(">resolution 72 business hours<")
        .contains(">calendar eu-business<")
        .contains(">on breach: ⚑ escalate → team-lead<")
        .contains(">€ compensate ≤ 100 EUR (approval &gt; 50)<")
        .contains(">↪ handoff → legal-claims<")
        .contains(">↻ follow-up after 7 d by email<")
        .contains(">★ csat survey on resolve<")
        .contains(">Damaged<")
        .contains(">otherwise<");
  }

  @Test
  void slaTargetsOnABusinessCalendarAreBusinessHoursAndOnAnAlwaysOpenOneClockHours() {
    assertThat(Flowcharts.svg(delivery, Highlight.NONE, name -> name.equals("eu-business")))
        .contains(">first response 2 business hours<")
        .doesNotContain(">resolution 3 d<");
    assertThat(Flowcharts.svg(delivery, Highlight.NONE, name -> false))
        .as("a calendar open around the clock counts hours of the clock")
        .contains(">first response 2 h<")
        .contains(">resolution 3 d<")
        .doesNotContain("business hour");
  }

  @Test
  void svgEscapesMarkupInTitlesAndLabels() throws Exception {
    String svg = Flowcharts.svg(ProtocolFixtures.hostile());

    assertThat(svg).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("<now>");
    assertThat(svg).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    Document doc = parse(svg);
    assertThat(doc.getElementsByTagName("script").getLength()).isZero();
    assertThat(doc.getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("Flowchart: <script>alert(\"x\")</script> & co");
  }

  @Test
  void svgHasNoExternalReferences() {
    String svg = Flowcharts.svg(delivery);

    assertThat(svg.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
        .doesNotContain("http:")
        .doesNotContain("https:")
        .doesNotContain("<image")
        .doesNotContain("<script");
  }

  @Test
  void highlightMarksTheCurrentStepAndThePathTaken() throws Exception {
    Highlight h =
        new Highlight(
            Optional.of("photos"), List.of("greet", "find_order", "check", "clarify", "check"));

    Document doc = parse(Flowcharts.svg(delivery, h));

    List<Element> current = elementsWithClass(doc, "g", "current");
    assertThat(current).hasSize(1);
    assertThat(current.get(0).getAttribute("data-step")).isEqualTo("photos");
    assertThat(current.get(0).getAttribute("aria-current")).isEqualTo("step");
    assertThat(
            elementsWithClass(doc, "g", "visited").stream().map(e -> e.getAttribute("data-step")))
        .containsExactly("greet", "find_order", "check", "clarify");
    // start→greet, greet→find_order, find_order→check, check→clarify, clarify→check, check→photos
    assertThat(elementsWithClass(doc, "path", "taken")).hasSize(6);
    assertThat(elementsWithClass(parse(Flowcharts.svg(delivery)), "g", "current")).isEmpty();
  }

  @Test
  void highlightTellsTheCurrentStepAndThePathInTheDescription() throws Exception {
    Highlight h = new Highlight(Optional.of("check"), List.of("greet", "find_order"));

    Document doc = parse(Flowcharts.svg(delivery, h));

    String desc = doc.getElementsByTagName("desc").item(0).getTextContent();
    assertThat(desc)
        .contains("Path taken: Greet and identify the customer → Find the order.")
        .endsWith("Current step: " + delivery.steps().get(2).displayTitle() + ".");
    assertThat(
            parse(Flowcharts.svg(delivery)).getElementsByTagName("desc").item(0).getTextContent())
        .doesNotContain("Current step")
        .doesNotContain("Path taken");
  }

  @Test
  void emptyProtocolStillDrawsStartAndEnd() throws Exception {
    Protocol empty = ProtocolFixtures.protocol("empty", "Empty", Optional.empty(), List.of());

    Document doc = parse(Flowcharts.svg(empty));

    assertThat(elementsWithClass(doc, "g", "node")).hasSize(2);
  }

  @Test
  void svgIsDeterministic() {
    assertThat(Flowcharts.svg(ProtocolFixtures.damagedDelivery()))
        .isEqualTo(Flowcharts.svg(ProtocolFixtures.damagedDelivery()));
  }

  // ---- helpers -----------------------------------------------------------------------------

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Element> elementsWithClass(Document doc, String tag, String cls) {
    NodeList all = doc.getElementsByTagName(tag);
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
        found.add(e);
      }
    }
    return found;
  }
}
