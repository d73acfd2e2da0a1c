package io.servicebook.server.console;

import io.servicebook.server.suggestions.StepSuggestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "suggestions from agents" section of a protocol page: the suggestions of every version,
 * grouped by step in the order of the version shown (steps other versions had come last), newest
 * first within a step.
 *
 * @param open how many are open
 */
record ProtocolSuggestions(long open, List<StepGroup> steps) {

  /** The suggestions on one step. */
  record StepGroup(String stepId, String title, List<Line> suggestions) {}

  /** One suggestion as the page shows it. */
  record Line(
      String id,
      int version,
      String author,
      String caseId,
      String text,
      String status,
      String createdIso,
      String createdText,
      boolean open) {}

  /**
   * Groups {@code suggestions} (newest first) by step; {@code titles} are the shown version's steps
   * in order, by id.
   */
  static ProtocolSuggestions of(List<StepSuggestion> suggestions, Map<String, String> titles) {
    Map<String, List<Line>> byStep = new LinkedHashMap<>();
    titles.keySet().forEach(id -> byStep.put(id, new ArrayList<>()));
    for (StepSuggestion s : suggestions) {
      byStep
          .computeIfAbsent(s.stepId(), id -> new ArrayList<>())
          .add(
              new Line(
                  s.id(),
                  s.protocolVersion(),
                  s.author(),
                  s.caseId(),
                  s.text(),
                  s.status().key(),
                  s.createdAt().toString(),
                  Times.utc(s.createdAt()),
                  s.status() == StepSuggestion.Status.OPEN));
    }
    List<StepGroup> groups = new ArrayList<>();
    byStep.forEach(
        (id, lines) -> {
          if (!lines.isEmpty()) {
            groups.add(new StepGroup(id, titles.getOrDefault(id, id), List.copyOf(lines)));
          }
        });
    long open = suggestions.stream().filter(s -> s.status() == StepSuggestion.Status.OPEN).count();
    return new ProtocolSuggestions(open, groups);
  }
}
