package io.servicebook.server.kpi;

import java.time.Instant;
import java.util.List;

/**
 * The agents' suggestions on a protocol's steps that nobody has acted on yet, for the owner's
 * review queue; the suggestions feature implements it.
 */
public interface OpenSuggestions {

  /** How many suggestions on protocol {@code slug} are open, and the newest {@code latest}. */
  Summary of(String slug, int latest);

  /** The open suggestions of a protocol: how many, and the newest few. */
  record Summary(long count, List<Note> latest) {

    public Summary {
      latest = List.copyOf(latest);
    }
  }

  /** One suggestion: on which step of which version, by whom, on which case. */
  record Note(String stepId, int version, String author, String caseId, String text, Instant at) {}
}
