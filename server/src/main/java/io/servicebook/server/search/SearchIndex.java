package io.servicebook.server.search;

import io.servicebook.cases.CaseEvent;
import io.servicebook.server.cases.CaseChanges;
import io.servicebook.server.cases.StoredCase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the search entries current: a change of a case (or of its run's captured values) marks the
 * case, and just before that transaction commits its entry is written anew from what the
 * transaction stored, so the entry commits (or rolls back) with the change and nothing indexed is
 * lost on a crash. Cases and customers stored before the search existed are indexed at startup in
 * the background, with the progress logged.
 */
@Service
public class SearchIndex implements CaseChanges {

  private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
  private static final int BATCH = 500;

  private final SearchEntryRepository entries;
  private final SearchEngine engine;
  private final TransactionTemplate transactions;

  SearchIndex(
      SearchEntryRepository entries, SearchEngine engine, TransactionTemplate transactions) {
    this.entries = entries;
    this.engine = engine;
    this.transactions = transactions;
  }

  @Override
  public void changed(StoredCase after, List<CaseEvent> events, String actor) {
    boolean opened = events.stream().anyMatch(CaseEvent.CaseOpened.class::isInstance);
    mark(after.kase().id(), opened ? after.kase().customer().id() : null);
  }

  /** The captured values of the case's run changed (the run's own transaction). */
  public void runChanged(String caseId) {
    mark(caseId, null);
  }

  private void mark(String caseId, String customerId) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      engine.committed(write(Set.of(caseId), customerId == null ? Set.of() : Set.of(customerId)));
      return;
    }
    Pending pending = null;
    for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
      if (s instanceof Pending p) {
        pending = p;
      }
    }
    if (pending == null) {
      pending = new Pending();
      TransactionSynchronizationManager.registerSynchronization(pending);
    }
    pending.cases.add(caseId);
    if (customerId != null) {
      pending.customers.add(customerId);
    }
  }

  private List<SearchEntry> write(Set<String> cases, Set<String> customers) {
    List<SearchEntry> written = new ArrayList<>(entries.ofCases(cases));
    written.addAll(entries.ofCustomers(customers));
    entries.write(written);
    return written;
  }

  /** The cases and customers a transaction changed, written just before it commits. */
  private final class Pending implements TransactionSynchronization {
    final Set<String> cases = new LinkedHashSet<>();
    final Set<String> customers = new LinkedHashSet<>();
    List<SearchEntry> written = List.of();

    @Override
    public void beforeCommit(boolean readOnly) {
      written = write(cases, customers);
    }

    @Override
    public void afterCommit() {
      engine.committed(written);
    }
  }

  /** Indexes what has no entry yet, in the background, so that the server answers meanwhile. */
  @EventListener(ApplicationReadyEvent.class)
  void indexOlderOnes() {
    Thread.ofVirtual().name("search-backfill").start(this::backfill);
  }

  public void backfill() {
    try {
      backfill(SearchEntry.CUSTOMER);
      backfill(SearchEntry.CASE);
    } catch (RuntimeException e) {
      log.error("Indexing the older cases for search stopped; it resumes at the next start.", e);
    }
  }

  private void backfill(String kind) {
    long total = entries.count(kind);
    long done = 0;
    long started = System.nanoTime();
    long logged = started;
    while (true) {
      List<String> ids = entries.unindexed(kind, BATCH);
      if (ids.isEmpty()) {
        break;
      }
      List<SearchEntry> written =
          transactions.execute(
              status ->
                  entries.writeMissing(
                      kind.equals(SearchEntry.CASE)
                          ? entries.ofCases(ids)
                          : entries.ofCustomers(ids)));
      engine.committed(written);
      done += ids.size();
      if (System.nanoTime() - logged > 10_000_000_000L) {
        logged = System.nanoTime();
        log.info("Search: indexed {} of about {} older {} entries", done, total, kind);
      }
    }
    if (done > 0) {
      log.info(
          "Search: indexed {} older {} entries in {} s",
          done,
          kind,
          (System.nanoTime() - started) / 1_000_000_000L);
    }
  }
}
