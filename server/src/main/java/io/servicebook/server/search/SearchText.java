package io.servicebook.server.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** What a person typed into the search box, made ready for the index. */
final class SearchText {

  /** A phone number as people write it: +49 (170) 123-4567. */
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{4,}[0-9]");

  private SearchText() {}

  /** The digits of a phone number, without the + and the spaces, dashes and brackets. */
  static String digits(String phone) {
    return phone.replaceAll("[^0-9]", "");
  }

  /** The words searched: the text, and a phone number in it also as its digits alone. */
  static String prepared(String query) {
    String text = query.strip();
    if (PHONE.matcher(text).matches()) {
      return digits(text);
    }
    return text;
  }

  /** The index's words of a text in a language: stemmed, lower case, without stop words. */
  static Set<String> terms(SearchLanguage language, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream stream = language.analyzer().tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }
}
