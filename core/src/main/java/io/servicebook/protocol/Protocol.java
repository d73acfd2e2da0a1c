package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer service protocol as written in one file: when it applies, what it promises, and the
 * steps an agent follows. Read with {@link ProtocolReader}; may be incomplete when the file has
 * errors, so that every problem can still be reported.
 */
public record Protocol(
    String file,
    String slug,
    String title,
    Optional<String> summary,
    Optional<String> owner,
    Audience audience,
    Optional<IsoDuration> reviewEvery,
    Optional<Condition> appliesWhen,
    int priority,
    List<Channel> channels,
    List<String> languages,
    Optional<Sla> sla,
    Map<String, Field> fields,
    List<Step> steps,
    Optional<FollowUp> followUp,
    Optional<Feedback> feedback,
    List<Benchmark> benchmarks,
    List<String> tags,
    Map<String, Position> keyPositions) {

  /** The priority of a protocol that gives none. */
  public static final int DEFAULT_PRIORITY = 0;

  public Protocol {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(title, "title");
    channels = List.copyOf(channels);
    languages = List.copyOf(languages);
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    steps = List.copyOf(steps);
    benchmarks = List.copyOf(benchmarks);
    tags = List.copyOf(tags);
    keyPositions = Map.copyOf(keyPositions);
  }

  public Optional<Step> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** Where a top-level key is written, or the start of the file. */
  public Position positionOf(String key) {
    return keyPositions.getOrDefault(key, Position.START);
  }

  /** The language scripts fall back to: the first declared, else English. */
  public String defaultLanguage() {
    return languages.isEmpty() ? "en" : languages.get(0);
  }

  /**
   * The step a step leads to when nothing else is said: its {@code next}, else the step written
   * after it; empty for the last step.
   */
  public Optional<String> followingStep(Step step) {
    if (step.next().isPresent()) {
      return step.next();
    }
    int index = steps.indexOf(step);
    return index >= 0 && index + 1 < steps.size()
        ? Optional.of(steps.get(index + 1).id())
        : Optional.empty();
  }

  /** The ids of the steps a step can lead to. */
  public List<String> successors(Step step) {
    if (step.ends()) {
      return List.of();
    }
    if (!step.decide().isEmpty()) {
      return step.decide().stream().map(Branch::target).distinct().toList();
    }
    return followingStep(step).stream().toList();
  }
}
