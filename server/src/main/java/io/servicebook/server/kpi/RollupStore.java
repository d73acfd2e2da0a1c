package io.servicebook.server.kpi;

import io.servicebook.kpi.Dimension;
import io.servicebook.kpi.GroupKey;
import io.servicebook.kpi.MeasuredCase;
import io.servicebook.kpi.Rollup;
import io.servicebook.kpi.Slicing;
import io.servicebook.server.kpi.RollupRepository.Place;
import io.servicebook.server.kpi.RollupRepository.RowKey;
import io.servicebook.server.kpi.RollupRepository.Share;
import io.servicebook.server.kpi.RollupRepository.StoredRollup;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The KPI rollups kept as events arrive (see {@code docs/kpis.md}): every audited change of a case
 * (its run, a grant…) marks the case in the same transaction ({@link RollupMarks}); passes take the
 * marked cases in, taking each one's old share out of the rollup rows of its protocol version and
 * day and putting its new share in. Reports over whole days read those rows instead of the cases.
 */
@Service
public class RollupStore {

  private static final Logger log = LoggerFactory.getLogger(RollupStore.class);

  /** Subjects taken in per pass (one transaction). */
  static final int BATCH = 500;

  /**
   * A report waits for at most this many subjects to be taken in first; with more waiting (after an
   * upgrade or a bulk import) it is computed from the cases themselves until the worker caught up.
   */
  static final int CATCH_UP_LIMIT = 2_000;

  /** The protocol of the rows that count all protocols together, and their version. */
  static final String ALL_PROTOCOLS = "*";

  /** The dimensions kept one value at a time, besides all cases ({@code ""}). */
  static final List<Dimension> KEPT =
      List.of(
          Dimension.AGENT, Dimension.TEAM, Dimension.CHANNEL, Dimension.LANGUAGE, Dimension.TIER);

  private final RollupRepository repository;
  private final MeasuredCases measured;
  private final ZoneId zone;
  private final TransactionTemplate transactions;

  /** Whether the stored rollups were found kept by this process's zone (or rebuilt for it). */
  private volatile boolean zoneChecked;

  RollupStore(
      RollupRepository repository,
      MeasuredCases measured,
      KpiSettings settings,
      PlatformTransactionManager transactionManager) {
    this.repository = repository;
    this.measured = measured;
    this.zone = settings.zone();
    this.transactions = new TransactionTemplate(transactionManager);
    transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The time zone whose days the rollups are kept by. */
  ZoneId zone() {
    return zone;
  }

  /**
   * Takes in everything marked, pass after pass, each in its own transaction.
   *
   * @param progress told the number of subjects taken in after each pass
   * @return how many subjects were taken in
   */
  public long catchUp(Consumer<Long> progress) {
    long total = 0;
    while (true) {
      Integer taken = transactions.execute(status -> pass());
      if (taken == null || taken == 0) {
        return total;
      }
      total += taken;
      progress.accept(total);
    }
  }

  /** How many subjects wait to be taken in, counting up to {@code upTo}. */
  public long waiting(int upTo) {
    return repository.pendingCount(upTo);
  }

  /** How many cases the rollups count (those a protocol applied to). */
  public long casesCounted() {
    return repository.casesCounted();
  }

  /** Has every case taken in again, after a bulk import written around the services. */
  public void rebuild() {
    transactions.executeWithoutResult(
        status -> {
          repository.lockZone();
          repository.rebuild(zone.getId());
        });
  }

  /**
   * Rebuilds the rollups once when they were kept by another zone's days: every case is marked, and
   * reports count the cases themselves until the worker took them in.
   */
  private void ensureZone() {
    if (!zoneChecked) {
      transactions.executeWithoutResult(status -> rebuildIfOtherZone());
      zoneChecked = true;
    }
  }

  private void rebuildIfOtherZone() {
    // "UTC", "Z" and "Etc/UTC" are one zone: compare the rules, not the names
    if (!ZoneId.of(repository.lockZone()).normalized().equals(zone.normalized())) {
      log.info("KPI rollups are kept by day in {} from now on; rebuilding them.", zone);
      repository.rebuild(zone.getId());
    }
  }

  /** One pass: takes in at most {@link #BATCH} subjects; how many it took. */
  private int pass() {
    rebuildIfOtherZone();
    List<RollupRepository.Pending> pending = repository.pending(BATCH);
    if (pending.isEmpty()) {
      return 0;
    }
    Set<String> ids = repository.caseIds(pending);
    Map<String, Share> before = repository.shares(ids);
    Map<String, Share> now = new HashMap<>();
    measured.of(ids).forEach(kase -> now.put(kase.caseId(), share(kase)));
    List<Share> out = new ArrayList<>();
    List<Share> in = new ArrayList<>();
    Set<String> gone = new HashSet<>();
    for (String id : ids) {
      Share was = before.get(id);
      Share is = now.get(id);
      if (Objects.equals(was, is)) {
        continue;
      }
      if (was != null) {
        out.add(was);
      }
      if (is != null) {
        in.add(is);
      } else {
        gone.add(id);
      }
    }
    apply(out, in);
    repository.replaceShares(gone, in);
    repository.deletePending(pending.stream().map(RollupRepository.Pending::id).toList());
    return pending.size();
  }

  /** Takes the old shares out of their rows and the new ones in. */
  private void apply(List<Share> out, List<Share> in) {
    if (out.isEmpty() && in.isEmpty()) {
      return;
    }
    Set<Map.Entry<String, LocalDate>> days = new LinkedHashSet<>();
    out.forEach(s -> days.addAll(protocolDays(s.place())));
    in.forEach(s -> days.addAll(protocolDays(s.place())));
    Map<RowKey, String> stored = repository.rowsOf(days);
    Map<RowKey, Rollup> rows = new HashMap<>();
    for (Share share : out) {
      Rollup counts = Rollup.decode(share.counts());
      keys(share.place()).forEach(k -> row(rows, stored, k).exclude(counts));
    }
    for (Share share : in) {
      Rollup counts = Rollup.decode(share.counts());
      keys(share.place()).forEach(k -> row(rows, stored, k).include(counts));
    }
    Map<RowKey, Optional<StoredRollup>> changed = new HashMap<>();
    rows.forEach(
        (key, rollup) ->
            changed.put(
                key,
                rollup.cases() == 0
                    ? Optional.empty()
                    : Optional.of(new StoredRollup(rollup.cases(), rollup.encode()))));
    repository.writeRows(changed, stored.keySet());
  }

  private static Rollup row(Map<RowKey, Rollup> rows, Map<RowKey, String> stored, RowKey key) {
    return rows.computeIfAbsent(
        key, k -> stored.containsKey(k) ? Rollup.decode(stored.get(k)) : Rollup.counting());
  }

  private Share share(MeasuredCase kase) {
    Place place =
        new Place(
            kase.protocol(),
            kase.version(),
            kase.createdAt().atZone(zone).toLocalDate(),
            Dimension.AGENT.valueOf(kase, zone),
            Dimension.TEAM.valueOf(kase, zone),
            Dimension.CHANNEL.valueOf(kase, zone),
            Dimension.LANGUAGE.valueOf(kase, zone),
            Dimension.TIER.valueOf(kase, zone));
    return new Share(kase.caseId(), place, Rollup.counting().add(kase).encode());
  }

  private static List<Map.Entry<String, LocalDate>> protocolDays(Place place) {
    return List.of(Map.entry(place.protocol(), place.day()), Map.entry(ALL_PROTOCOLS, place.day()));
  }

  /** The rows a case counts in: all cases and one per kept dimension, of its version and of all. */
  private static List<RowKey> keys(Place place) {
    List<RowKey> keys = new ArrayList<>();
    for (String protocol : List.of(place.protocol(), ALL_PROTOCOLS)) {
      int version = protocol.equals(ALL_PROTOCOLS) ? 0 : place.version();
      keys.add(new RowKey(protocol, place.day(), version, "", ""));
      keys.add(new RowKey(protocol, place.day(), version, "agent", place.agent()));
      keys.add(new RowKey(protocol, place.day(), version, "team", place.team()));
      keys.add(new RowKey(protocol, place.day(), version, "channel", place.channel()));
      keys.add(new RowKey(protocol, place.day(), version, "language", place.language()));
      keys.add(new RowKey(protocol, place.day(), version, "tier", place.tier()));
    }
    return keys;
  }

  /** A report from the rows, when they can answer it. */
  record Answer(Rollup overall, SortedMap<GroupKey, Rollup> groups) {}

  /**
   * The report from the rollup rows, or empty when they cannot answer: a window that does not start
   * and end at midnight in the rollups' zone, periods in another zone, more than one of agent,
   * team, channel, language and tier, or too much waiting to be taken in.
   */
  Optional<Answer> answer(KpiQuery query, Slicing slicing) {
    Optional<LocalDate> from = day(query.window().from());
    Optional<LocalDate> to = day(query.window().to());
    List<Dimension> kept = slicing.by().stream().filter(KEPT::contains).toList();
    boolean periods = slicing.by().stream().anyMatch(Dimension::isPeriod);
    if (from.isEmpty()
        || to.isEmpty()
        || kept.size() > 1
        || (periods && !slicing.zone().normalized().equals(zone.normalized()))) {
      return Optional.empty();
    }
    ensureZone();
    long waiting = waiting(CATCH_UP_LIMIT + 1);
    if (waiting > CATCH_UP_LIMIT) {
      return Optional.empty();
    }
    if (waiting > 0) {
      try {
        catchUp(n -> {});
      } catch (RuntimeException stuck) {
        // the marks stay for the worker; this report counts the cases themselves meanwhile
        log.warn("KPI rollups could not take in the latest changes; counting the cases.", stuck);
        return Optional.empty();
      }
    }
    boolean together =
        query.protocol().isEmpty()
            && query.version().isEmpty()
            && !slicing.by().contains(Dimension.PROTOCOL)
            && !slicing.by().contains(Dimension.VERSION);
    String dimension = kept.isEmpty() ? "" : kept.getFirst().key();
    // each row is read once, into its group; the overall is the sum of the groups (every case
    // has one value of each dimension, so the groups do not overlap)
    TreeMap<GroupKey, Rollup> groups = new TreeMap<>();
    for (Map.Entry<RowKey, String> row :
        repository.read(
            query.protocol(), query.version(), together, dimension, from.get(), to.get())) {
      groups
          .computeIfAbsent(group(row.getKey(), slicing), k -> Rollup.counting())
          .includeEncoded(row.getValue());
    }
    Rollup overall;
    if (slicing.by().isEmpty()) {
      overall = groups.isEmpty() ? Rollup.counting() : groups.firstEntry().getValue();
      groups.clear();
    } else {
      overall = Rollup.counting();
      groups.values().forEach(overall::include);
    }
    return Optional.of(new Answer(overall, groups));
  }

  private static GroupKey group(RowKey row, Slicing slicing) {
    List<String> values = new ArrayList<>();
    for (Dimension d : slicing.by()) {
      values.add(
          switch (d) {
            case PROTOCOL -> row.protocol();
            case VERSION -> Integer.toString(row.version());
            case DAY, WEEK, MONTH -> d.periodOf(row.day());
            default -> row.value();
          });
    }
    return new GroupKey(slicing.by(), values);
  }

  /** The day a moment starts, when it is midnight in the rollups' zone. */
  private Optional<LocalDate> day(Instant moment) {
    var local = moment.atZone(zone);
    return local.toLocalTime().equals(LocalTime.MIDNIGHT)
        ? Optional.of(local.toLocalDate())
        : Optional.empty();
  }
}
