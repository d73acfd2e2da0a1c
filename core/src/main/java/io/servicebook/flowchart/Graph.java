package io.servicebook.flowchart;

import io.servicebook.flowchart.Labels.Badge;
import io.servicebook.protocol.Action;
import io.servicebook.protocol.Branch;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A protocol as a graph of nodes and edges, the common ground of every renderer: node 0 is the
 * start, then one node per step in the order written, then the end.
 */
final class Graph {

  enum Kind {
    START,
    STEP,
    DECISION,
    END
  }

  /** A node; {@code step} is empty for the start and end terminals. */
  record Node(int index, Kind kind, String title, List<Badge> badges, Optional<Step> step) {
    boolean endsRun() {
      return step.map(Step::ends).orElse(false);
    }

    boolean escalates() {
      return step.map(s -> s.actions().stream().anyMatch(a -> a instanceof Action.Escalate))
          .orElse(false);
    }
  }

  /** An edge; {@code conditional} edges are taken only when a condition holds (dashed). */
  record Edge(int from, int to, String label, boolean conditional) {
    boolean labelled() {
      return !label.isEmpty();
    }
  }

  final Protocol protocol;
  final List<Node> nodes = new ArrayList<>();
  final List<Edge> edges = new ArrayList<>();

  private Graph(Protocol protocol) {
    this.protocol = protocol;
  }

  int start() {
    return 0;
  }

  int end() {
    return nodes.size() - 1;
  }

  static Graph of(Protocol p) {
    Graph g = new Graph(p);
    g.nodes.add(new Node(0, Kind.START, "Start", List.of(), Optional.empty()));
    Map<String, Integer> byId = new HashMap<>();
    for (Step s : p.steps()) {
      int index = g.nodes.size();
      byId.putIfAbsent(s.id(), index);
      Kind kind = s.decide().isEmpty() ? Kind.STEP : Kind.DECISION;
      List<Badge> badges = s.actions().stream().map(Labels::badge).toList();
      g.nodes.add(new Node(index, kind, s.displayTitle(), badges, Optional.of(s)));
    }
    int end = g.nodes.size();
    g.nodes.add(new Node(end, Kind.END, "End", List.of(), Optional.empty()));

    g.edges.add(new Edge(0, p.steps().isEmpty() ? end : 1, "", false));
    for (int i = 0; i < p.steps().size(); i++) {
      Step s = p.steps().get(i);
      int from = i + 1;
      if (s.ends()) {
        g.edges.add(new Edge(from, end, "", false));
        continue;
      }
      if (!s.decide().isEmpty()) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (Branch b : s.decide()) {
          labels.computeIfAbsent(b.target(), t -> new ArrayList<>()).add(branchLabel(b));
        }
        labels.forEach(
            (target, texts) -> {
              Integer to = byId.get(target);
              if (to != null) {
                g.edges.add(new Edge(from, to, String.join(" / ", texts), false));
              }
            });
      } else {
        Optional<String> next = p.followingStep(s);
        if (next.isEmpty()) {
          g.edges.add(new Edge(from, end, "", false));
        } else if (byId.containsKey(next.get())) {
          g.edges.add(new Edge(from, byId.get(next.get()), "", false));
        }
      }
      s.actions().stream()
          .filter(a -> a instanceof Action.Resolve || a instanceof Action.Handoff)
          .flatMap(a -> a.when().stream())
          .findFirst()
          .filter(c -> g.edges.stream().noneMatch(e -> e.from() == from && e.to() == end))
          .ifPresent(c -> g.edges.add(new Edge(from, end, "if " + Labels.condition(c), true)));
    }
    return g;
  }

  static String branchLabel(Branch b) {
    return switch (b) {
      case Branch.When w -> Labels.condition(w.when());
      case Branch.Choice c -> Labels.shorten(c.label(), Labels.CONDITION_LENGTH);
      case Branch.Otherwise o -> "otherwise";
    };
  }

  /** Notes shown under the end terminal: the follow-up and the feedback survey. */
  List<String> endNotes() {
    List<String> notes = new ArrayList<>();
    protocol
        .followUp()
        .ifPresent(
            f ->
                notes.add(
                    "↻ follow-up after "
                        + Labels.duration(f.after())
                        + f.channel().map(c -> " by " + c.key()).orElse("")));
    protocol
        .feedback()
        .ifPresent(
            f ->
                notes.add(
                    "★ "
                        + f.survey().name().toLowerCase(java.util.Locale.ROOT)
                        + " survey "
                        + (f.send() == io.servicebook.protocol.Feedback.Send.ON_RESOLVE
                            ? "on resolve"
                            : "sent by agent")));
    return notes;
  }
}
