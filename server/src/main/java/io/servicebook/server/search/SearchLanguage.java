package io.servicebook.server.search;

import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;

/**
 * The languages the search stems words in, named as PostgreSQL's text search configurations name
 * them: a case is indexed in its customer's language, and a query is read in every one of them, so
 * that "Rechnungen" finds a German case that wrote "Rechnung". Lucene's analyzers here use the same
 * Snowball stemmers as PostgreSQL, so that H2's index, PostgreSQL's and the highlighting agree.
 */
enum SearchLanguage {
  ENGLISH("english"),
  GERMAN("german"),
  SPANISH("spanish"),
  SIMPLE("simple");

  private final String config;
  private final Analyzer analyzer;

  SearchLanguage(String config) {
    this.config = config;
    this.analyzer = new Stemming(config);
  }

  /** The PostgreSQL text search configuration: english, german, spanish or simple. */
  String config() {
    return config;
  }

  /** Tokens as PostgreSQL's configuration of the same name makes them, near enough. */
  Analyzer analyzer() {
    return analyzer;
  }

  /** The language of a customer's tag (de, de-AT, es-419, en-GB …); simple for any other. */
  static SearchLanguage ofTag(String tag) {
    String primary = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    return switch (primary) {
      case "en" -> ENGLISH;
      case "de" -> GERMAN;
      case "es" -> SPANISH;
      default -> SIMPLE;
    };
  }

  /** By its configuration name, as stored with each indexed entry. */
  static SearchLanguage ofConfig(String config) {
    for (SearchLanguage language : values()) {
      if (language.config.equals(config)) {
        return language;
      }
    }
    return SIMPLE;
  }

  private static final class Stemming extends Analyzer {
    private final String config;

    Stemming(String config) {
      this.config = config;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      UAX29URLEmailTokenizer source = new UAX29URLEmailTokenizer();
      TokenStream stream = new LowerCaseFilter(source);
      stream =
          switch (config) {
            case "english" ->
                new SnowballFilter(
                    new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET),
                    new org.tartarus.snowball.ext.EnglishStemmer());
            case "german" ->
                new SnowballFilter(
                    new StopFilter(stream, GermanAnalyzer.getDefaultStopSet()),
                    new org.tartarus.snowball.ext.GermanStemmer());
            case "spanish" ->
                new SnowballFilter(
                    new StopFilter(stream, SpanishAnalyzer.getDefaultStopSet()),
                    new org.tartarus.snowball.ext.SpanishStemmer());
            default -> new StopFilter(stream, CharArraySet.EMPTY_SET);
          };
      return new TokenStreamComponents(source, stream);
    }
  }
}
