package io.servicebook.lint;

import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The steps of a protocol as a graph: which steps a run can reach, and which can finish. */
final class FlowGraph {

  private final Protocol protocol;
  private final Map<String, List<String>> successors = new LinkedHashMap<>();
  private final Map<String, List<String>> predecessors = new HashMap<>();

  FlowGraph(Protocol protocol) {
    this.protocol = protocol;
    for (Step step : protocol.steps()) {
      List<String> next = new ArrayList<>();
      for (String target : protocol.successors(step)) {
        if (protocol.step(target).isPresent()) {
          next.add(target);
          predecessors.computeIfAbsent(target, k -> new ArrayList<>()).add(step.id());
        }
      }
      successors.put(step.id(), next);
    }
  }

  List<String> successors(String step) {
    return successors.getOrDefault(step, List.of());
  }

  /** The steps a run starting at the first step can reach. */
  Set<String> reachable() {
    if (protocol.steps().isEmpty()) {
      return Set.of();
    }
    return walk(List.of(protocol.steps().get(0).id()), successors);
  }

  /** The steps from which some path leads to a step that ends the run. */
  Set<String> canFinish() {
    List<String> ends = protocol.steps().stream().filter(Step::ends).map(Step::id).toList();
    return walk(ends, predecessors);
  }

  private static Set<String> walk(List<String> from, Map<String, List<String>> edges) {
    Set<String> seen = new LinkedHashSet<>(from);
    Deque<String> queue = new ArrayDeque<>(from);
    while (!queue.isEmpty()) {
      for (String next : edges.getOrDefault(queue.poll(), List.of())) {
        if (seen.add(next)) {
          queue.add(next);
        }
      }
    }
    return seen;
  }

  /** The strongly connected groups of steps that form a cycle (Tarjan), in step order. */
  List<Set<String>> cycles() {
    Tarjan tarjan = new Tarjan();
    successors
        .keySet()
        .forEach(
            id -> {
              if (!tarjan.index.containsKey(id)) {
                tarjan.connect(id);
              }
            });
    List<Set<String>> cycles = new ArrayList<>();
    for (Set<String> component : tarjan.components) {
      String only = component.iterator().next();
      if (component.size() > 1 || successors(only).contains(only)) {
        cycles.add(component);
      }
    }
    return cycles;
  }

  private final class Tarjan {
    final Map<String, Integer> index = new HashMap<>();
    final Map<String, Integer> low = new HashMap<>();
    final Deque<String> stack = new ArrayDeque<>();
    final Set<String> onStack = new HashSet<>();
    final List<Set<String>> components = new ArrayList<>();
    int counter;

    void connect(String v) {
      index.put(v, counter);
      low.put(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      for (String w : successors(v)) {
        if (!index.containsKey(w)) {
          connect(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        Set<String> component = new LinkedHashSet<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        components.add(component);
      }
    }
  }
}
