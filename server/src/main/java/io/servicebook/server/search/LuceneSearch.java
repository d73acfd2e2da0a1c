package io.servicebook.server.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's full-text search for H2, which has one node: an index in memory, built at startup from
 * the entries H2 keeps (so a crash loses nothing that was committed) and given each entry when the
 * change that wrote it commits. An entry's text is stemmed in its language's field; the query is
 * read in every language against every field, as PostgreSQL does.
 */
final class LuceneSearch implements SearchEngine {

  private static final String TEXT = "text_";

  private final IndexWriter writer;
  private final SearcherManager searchers;

  LuceneSearch() {
    Map<String, Analyzer> fields = new java.util.HashMap<>();
    for (SearchLanguage language : SearchLanguage.values()) {
      fields.put(TEXT + language.config(), language.analyzer());
    }
    Analyzer analyzer = new PerFieldAnalyzerWrapper(SearchLanguage.SIMPLE.analyzer(), fields);
    try {
      writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds or replaces entries without making them visible yet (startup's bulk). */
  void add(SearchEntry entry) {
    try {
      writer.updateDocument(new Term("key", key(entry.kind(), entry.refId())), document(entry));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes what was added visible to searches. */
  void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void committed(List<SearchEntry> entries) {
    entries.forEach(this::add);
    refresh();
  }

  private static String key(String kind, String id) {
    return kind + ":" + id;
  }

  private static Document document(SearchEntry entry) {
    Document doc = new Document();
    doc.add(new StringField("key", key(entry.kind(), entry.refId()), Field.Store.NO));
    doc.add(new StringField("kind", entry.kind(), Field.Store.NO));
    doc.add(new StoredField("id", entry.refId()));
    doc.add(new SortedDocValuesField("id", new BytesRef(entry.refId())));
    long created = entry.createdAt().toEpochMilli();
    doc.add(new LongPoint("created", created));
    doc.add(new NumericDocValuesField("created", created));
    filter(doc, "status", entry.status());
    filter(doc, "team", entry.team());
    filter(doc, "channel", entry.channel());
    doc.add(
        new TextField(
            TEXT + entry.language().config(), entry.title() + "\n" + entry.body(), Field.Store.NO));
    return doc;
  }

  private static void filter(Document doc, String name, String value) {
    if (value != null) {
      doc.add(new StringField(name, value, Field.Store.NO));
    }
  }

  /** Every word of the query, as read in some language, in an entry's text of any language. */
  private static Query words(String text) {
    Map<SearchLanguage, Set<String>> readings = new EnumMap<>(SearchLanguage.class);
    for (SearchLanguage reading : SearchLanguage.values()) {
      Set<String> terms = SearchText.terms(reading, text);
      if (!terms.isEmpty()) {
        readings.put(reading, terms);
      }
    }
    if (readings.isEmpty()) {
      return new MatchNoDocsQuery();
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (SearchLanguage stemmed : SearchLanguage.values()) {
      for (Set<String> terms : readings.values()) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        terms.forEach(
            t -> all.add(new TermQuery(new Term(TEXT + stemmed.config(), t)), Occur.FILTER));
        any.add(all.build(), Occur.SHOULD);
      }
    }
    return any.build();
  }

  private static final Sort NEWEST_FIRST =
      new Sort(
          new SortField("created", SortField.Type.LONG, true),
          new SortField("id", SortField.Type.STRING, true));

  @Override
  public List<String> cases(SearchCriteria criteria, int offset, int limit) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(new TermQuery(new Term("kind", SearchEntry.CASE)), Occur.FILTER);
    query.add(words(criteria.text()), Occur.MUST);
    exactly(query, "status", criteria.status());
    exactly(query, "team", criteria.team());
    exactly(query, "channel", criteria.channel());
    if (criteria.from().isPresent() || criteria.until().isPresent()) {
      long from = criteria.from().map(i -> i.toEpochMilli()).orElse(Long.MIN_VALUE);
      long until = criteria.until().map(i -> i.toEpochMilli() - 1).orElse(Long.MAX_VALUE);
      query.add(LongPoint.newRangeQuery("created", from, until), Occur.FILTER);
    }
    return ids(query.build(), offset, limit);
  }

  private static void exactly(BooleanQuery.Builder query, String field, Optional<String> value) {
    value.ifPresent(v -> query.add(new TermQuery(new Term(field, v)), Occur.FILTER));
  }

  @Override
  public List<String> customers(String text, int limit) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(new TermQuery(new Term("kind", SearchEntry.CUSTOMER)), Occur.FILTER);
    query.add(words(text), Occur.MUST);
    return ids(query.build(), 0, limit);
  }

  private List<String> ids(Query query, int offset, int limit) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(query, offset + limit, NEWEST_FIRST);
        List<String> ids = new ArrayList<>();
        ScoreDoc[] hits = top.scoreDocs;
        for (int i = offset; i < hits.length; i++) {
          ids.add(searcher.storedFields().document(hits[i].doc).get("id"));
        }
        return ids;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
  }
}
