package io.servicebook.server.suggestions;

import io.servicebook.server.kpi.OpenSuggestions;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A protocol's open step suggestions, for its owner's review queue on the KPI dashboard. */
@Component
class OpenSuggestionFacts implements OpenSuggestions {

  private final SuggestionRepository repository;

  OpenSuggestionFacts(SuggestionRepository repository) {
    this.repository = repository;
  }

  @Override
  public Summary of(String slug, int latest) {
    return new Summary(
        repository.countOpen(slug),
        repository.ofProtocol(slug, Optional.of(StepSuggestion.Status.OPEN), latest).stream()
            .map(
                s ->
                    new Note(
                        s.stepId(),
                        s.protocolVersion(),
                        s.author(),
                        s.caseId(),
                        s.text(),
                        s.createdAt()))
            .toList());
  }
}
