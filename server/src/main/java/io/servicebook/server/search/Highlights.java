package io.servicebook.server.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Where the words of a query stand in a text: each word of the text whose stem (in any of the
 * languages) is a stem of the query's, by character offsets. Plain offsets, not markup: the page
 * wraps them in {@code <mark>} with the text escaped, the API hands them on.
 */
public final class Highlights {

  /** A snippet shows this many characters around the first word found. */
  static final int SNIPPET = 240;

  /** Only the start of a long text is looked through for the snippet. */
  private static final int LOOKED_THROUGH = 20_000;

  private Highlights() {}

  /** A marked run of characters, start inclusive, end exclusive. */
  public record Mark(int start, int end) {}

  /** A text and the marks of the query's words in it. */
  public record Marked(String text, List<Mark> marks) {

    /** The text cut at the marks, for a page to show (marked parts in {@code <mark>}). */
    public List<Segment> segments() {
      List<Segment> segments = new ArrayList<>();
      int at = 0;
      for (Mark mark : marks) {
        if (mark.start() > at) {
          segments.add(new Segment(text.substring(at, mark.start()), false));
        }
        segments.add(new Segment(text.substring(mark.start(), mark.end()), true));
        at = mark.end();
      }
      if (at < text.length()) {
        segments.add(new Segment(text.substring(at), false));
      }
      return segments;
    }
  }

  /** A part of a text, marked or not. */
  public record Segment(String text, boolean marked) {}

  /** The query's words as each language stems them: read once per search. */
  record Words(Map<SearchLanguage, Set<String>> stems) {}

  static Words words(String query) {
    Map<SearchLanguage, Set<String>> stems = new EnumMap<>(SearchLanguage.class);
    for (SearchLanguage language : SearchLanguage.values()) {
      Set<String> terms = SearchText.terms(language, query);
      if (!terms.isEmpty()) {
        stems.put(language, terms);
      }
    }
    return new Words(stems);
  }

  /** The whole text with its marks. */
  static Marked of(String text, Words words) {
    return new Marked(text, marks(text, words));
  }

  /** A window of the text around its first mark (its start when none), whitespace tidied. */
  static Marked snippet(String body, Words words) {
    int meta = body.indexOf(SearchEntryRepository.META);
    String text = meta < 0 ? body : body.substring(0, meta);
    String looked = cut(text);
    List<Mark> marks = marks(looked, words);
    if (meta >= 0 && marks.isEmpty()) {
      String rest = cut(body.substring(meta + SearchEntryRepository.META.length()));
      List<Mark> inRest = marks(rest, words);
      if (!inRest.isEmpty() || text.isBlank()) {
        text = rest;
        looked = rest;
        marks = inRest;
      }
    }
    int start = marks.isEmpty() ? 0 : Math.max(0, marks.getFirst().start() - SNIPPET / 4);
    while (start > 0 && !Character.isWhitespace(looked.charAt(start - 1))) {
      start--;
    }
    int end = Math.min(looked.length(), start + SNIPPET);
    while (end < looked.length() && !Character.isWhitespace(looked.charAt(end))) {
      end++;
    }
    String prefix = start > 0 ? "…" : "";
    String shown =
        prefix
            + looked.substring(start, end).replaceAll("\\s", " ")
            + (end < text.length() ? "…" : "");
    List<Mark> within = new ArrayList<>();
    int shift = prefix.length() - start;
    for (Mark mark : marks) {
      if (mark.start() >= start && mark.end() <= end) {
        within.add(new Mark(mark.start() + shift, mark.end() + shift));
      }
    }
    return new Marked(shown, within);
  }

  private static String cut(String text) {
    return text.length() > LOOKED_THROUGH ? text.substring(0, LOOKED_THROUGH) : text;
  }

  private static List<Mark> marks(String text, Words words) {
    List<Mark> found = new ArrayList<>();
    for (Map.Entry<SearchLanguage, Set<String>> reading : words.stems().entrySet()) {
      Set<String> wanted = reading.getValue();
      try (TokenStream stream = reading.getKey().analyzer().tokenStream("text", text)) {
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
        stream.reset();
        while (stream.incrementToken()) {
          if (wanted.contains(term.toString())) {
            found.add(new Mark(offset.startOffset(), offset.endOffset()));
          }
        }
        stream.end();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    found.sort(Comparator.comparingInt(Mark::start).thenComparingInt(Mark::end));
    List<Mark> merged = new ArrayList<>();
    for (Mark mark : found) {
      if (!merged.isEmpty() && mark.start() < merged.getLast().end()) {
        Mark last = merged.removeLast();
        merged.add(new Mark(last.start(), Math.max(last.end(), mark.end())));
      } else {
        merged.add(mark);
      }
    }
    return merged;
  }
}
