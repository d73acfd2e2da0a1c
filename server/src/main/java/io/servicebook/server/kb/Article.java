package io.servicebook.server.kb;

import java.util.List;

/**
 * A public protocol as the knowledge base shows it to customers.
 *
 * @param contentLanguage the language the protocol's own text (title, summary, steps) is written
 *     in: its first declared language
 * @param steps the steps' titles in the order written, as sentences; never guidance or scripts
 * @param promises the SLA targets in plain words, on the protocol's business calendar
 * @param hours the calendar's opening hours in plain words, empty when it has none
 * @param channels the channel keys customers can use, such as {@code email}
 * @param languages the languages we serve in, named in the visitor's language
 * @param speaksVisitorsLanguage whether we serve in the visitor's language although the text is
 *     written in another one
 * @param writtenIn the name of the language the text is written in, when it is not the visitor's;
 *     else empty
 */
record Article(
    String slug,
    String title,
    String summary,
    String contentLanguage,
    List<String> steps,
    List<String> promises,
    String hours,
    List<String> channels,
    List<String> languages,
    boolean speaksVisitorsLanguage,
    String writtenIn) {

  Article {
    steps = List.copyOf(steps);
    promises = List.copyOf(promises);
    channels = List.copyOf(channels);
    languages = List.copyOf(languages);
  }
}
