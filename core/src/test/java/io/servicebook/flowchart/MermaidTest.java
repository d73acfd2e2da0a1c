package io.servicebook.flowchart;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.protocol.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MermaidTest {

  private final Protocol delivery = ProtocolFixtures.damagedDelivery();

  // ---- Mermaid -----------------------------------------------------------------------------

  @Test
  void mermaidDrawsDecisionsAsDiamondsAndPlainStepsRounded() {
    String m = Flowcharts.mermaid(delivery);

    assertThat(m).contains("flowchart TD");
    assertThat(m).contains("s_check{\"Is the item damaged or missing?\"}");
    assertThat(m).contains("s_find_order(\"Find the order\")");
    assertThat(m).contains("start_node([\"Start\"])");
  }

  @Test
  void mermaidLabelsDecisionEdgesWithConditionChoiceOrOtherwise() {
    String m = Flowcharts.mermaid(delivery);

    assertThat(m).contains("s_check -->|\"damage_type == 'missing'\"| s_missing");
    assertThat(m).contains("s_check -->|\"Damaged\"| s_photos");
    assertThat(m).contains("s_check -->|\"otherwise\"| s_clarify");
    assertThat(m).contains("s_clarify --> s_check");
  }

  @Test
  void mermaidShowsActionsOnNodesAndConnectsEndingStepsToEnd() {
    String m = Flowcharts.mermaid(delivery);

    assertThat(m).contains("⚑ escalate → supervisor");
    assertThat(m).contains("€ compensate ≤ 100 EUR (approval #gt; 50)");
    assertThat(m).contains("s_close --> end_node").contains("s_legal --> end_node");
    assertThat(m).contains("classDef decision").contains("class s_close,s_legal ends");
  }

  @Test
  void mermaidSanitisesIdsAndEscapesLabels() {
    String m = Flowcharts.mermaid(ProtocolFixtures.hostile());

    List<String> ids = new ArrayList<>();
    Matcher node = Pattern.compile("(?m)^  (\\w+)[(\\[{]").matcher(m);
    while (node.find()) {
      ids.add(node.group(1));
    }
    assertThat(ids).containsExactly("start_node", "s_step_1_a", "s_ask_", "s_done", "end_node");
    assertThat(m).contains("s_step_1_a(\"Say #quot;hello#quot; #lt;b#gt;loudly#lt;/b#gt;\")");
    assertThat(m).contains("|\"Yes #quot;really#quot; #lt;now#gt; / otherwise\"|");
    assertThat(m).contains("{\"Pick #124; one #35; of #96;these#96;\"}");
    assertThat(m).doesNotContain("<script>").doesNotContain("<b>");
  }

  @Test
  void mermaidGivesCollidingSanitisedIdsDistinctNames() {
    Protocol p =
        ProtocolFixtures.protocol(
            "twins",
            "Twins",
            Optional.empty(),
            List.of(
                ProtocolFixtures.step("a-b", "First"),
                ProtocolFixtures.step("a_b", "Second", ProtocolFixtures.resolve())));

    assertThat(Flowcharts.mermaid(p))
        .contains("s_a_b(\"First\")")
        .contains("s_a_b_2(\"Second")
        .contains("s_a_b --> s_a_b_2");
  }

  @Test
  void mermaidIsDeterministic() {
    assertThat(Flowcharts.mermaid(ProtocolFixtures.damagedDelivery()))
        .isEqualTo(Flowcharts.mermaid(ProtocolFixtures.damagedDelivery()));
  }

  @Test
  void emptyProtocolConnectsStartToEnd() {
    Protocol empty = ProtocolFixtures.protocol("empty", "Empty", Optional.empty(), List.of());

    assertThat(Flowcharts.mermaid(empty)).contains("start_node --> end_node");
  }
}
