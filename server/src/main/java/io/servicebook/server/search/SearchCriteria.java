package io.servicebook.server.search;

import java.time.Instant;
import java.util.Optional;

/**
 * A valid search: the words (as {@link SearchText#prepared}) and the filters of cases, each as
 * stored on the case (status and channel by their enum names), the time range half-open.
 */
record SearchCriteria(
    String text,
    Optional<String> status,
    Optional<String> team,
    Optional<String> channel,
    Optional<Instant> from,
    Optional<Instant> until) {}
