package io.servicebook.server.console;

import io.servicebook.cases.CaseStatus;
import io.servicebook.protocol.Channel;
import io.servicebook.server.cases.CaseSla;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.chat.Chats;
import io.servicebook.server.compensation.Compensations;
import io.servicebook.server.followups.FollowUps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The inbox's queues: which cases each shows, as rows with their SLA badges. */
@Component
class Inbox {

  static final int PAGE = 50;
  static final Duration BREACHING_SOON = Duration.ofHours(2);

  /** The tabs of the inbox, in the order shown. */
  enum Queue {
    MINE,
    TEAM,
    UNASSIGNED,
    CHATS,
    BREACHING,
    FOLLOW_UPS,
    APPROVALS;

    String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<Queue> of(String key) {
      for (Queue q : values()) {
        if (q.key().equals(key)) {
          return Optional.of(q);
        }
      }
      return Optional.empty();
    }
  }

  /** The filters of the inbox form; language and tier are the customer's, lower case. */
  record Filters(
      Optional<CaseStatus> status,
      Optional<Channel> channel,
      Optional<String> protocol,
      Optional<String> language,
      Optional<String> tier,
      Optional<String> cursor) {

    static final Filters NONE =
        new Filters(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    /** The case passes every filter but the cursor. */
    boolean admits(StoredCase c) {
      return status.map(s -> c.kase().status() == s).orElse(true)
          && channel.map(ch -> c.kase().channel() == ch).orElse(true)
          && protocol.map(p -> c.protocol().map(r -> r.slug().equals(p)).orElse(false)).orElse(true)
          && language.map(l -> c.kase().customer().language().equalsIgnoreCase(l)).orElse(true)
          && tier.map(t -> c.kase().customer().tier().equalsIgnoreCase(t)).orElse(true);
    }
  }

  /** A page of rows and the cursor of the next page, if any. */
  record Page(List<InboxRow> rows, Optional<String> next) {}

  private final Cases cases;
  private final CaseSla sla;
  private final FollowUps followUps;
  private final Compensations compensations;
  private final Clock clock;
  private final Chats chats;

  Inbox(
      Cases cases,
      CaseSla sla,
      FollowUps followUps,
      Compensations compensations,
      Clock clock,
      Chats chats) {
    this.chats = chats;
    this.cases = cases;
    this.sla = sla;
    this.followUps = followUps;
    this.compensations = compensations;
    this.clock = clock;
  }

  /** The team of the user's cases, if their cases have one: the queue of "my team". */
  Optional<String> teamOf(String username) {
    return cases.list(query(Filters.NONE).withAssignee(username).build()).cases().stream()
        .flatMap(c -> c.kase().team().stream())
        .findFirst();
  }

  Page page(Queue queue, String username, Optional<String> team, Filters filters) {
    Instant now = clock.instant();
    return switch (queue) {
      case MINE -> listed(query(filters).withAssignee(username), now);
      case TEAM ->
          team.map(t -> listed(query(filters).withTeam(t), now))
              .orElseGet(() -> new Page(List.of(), Optional.empty()));
      case UNASSIGNED -> listed(query(filters).unassigned(), now);
      case CHATS ->
          new Page(
              chats.waiting(PAGE).stream()
                  .flatMap(id -> row(id, filters, now, Optional.empty()).stream())
                  .filter(r -> !r.status().equals("resolved") && !r.status().equals("closed"))
                  .toList(),
              Optional.empty());
      case BREACHING -> {
        Page page = listed(query(filters).dueBefore(now.plus(BREACHING_SOON)), now);
        List<InboxRow> soonest = new ArrayList<>(page.rows());
        soonest.sort(Comparator.comparing(r -> r.sla().map(SlaBadge::due).orElse(Instant.MAX)));
        yield new Page(soonest, page.next());
      }
      case FOLLOW_UPS ->
          new Page(
              followUps.dueFor(username, PAGE).stream()
                  .flatMap(
                      f ->
                          cases.find(f.caseId()).filter(filters::admits).stream()
                              .map(
                                  c ->
                                      InboxRow.of(
                                          c,
                                          SlaBadge.of(sla.clocks(c), now),
                                          Optional.of(Times.utc(f.dueAt())),
                                          Optional.of(f))))
                  .toList(),
              Optional.empty());
      case APPROVALS ->
          new Page(
              compensations.waitingForApproval(PAGE).stream()
                  .flatMap(
                      w ->
                          row(w.caseId(), filters, now, Optional.of(w.amount().toString()))
                              .stream())
                  .toList(),
              Optional.empty());
    };
  }

  private Page listed(QueryBuilder query, Instant now) {
    Cases.Listing listing = cases.list(query.build());
    return new Page(
        listing.cases().stream().map(c -> row(c, now, Optional.empty())).toList(),
        listing.nextCursor());
  }

  /** The row of a case another queue names, if it passes the filters. */
  private Optional<InboxRow> row(
      String caseId, Filters filters, Instant now, Optional<String> waiting) {
    return cases.find(caseId).filter(filters::admits).map(c -> row(c, now, waiting));
  }

  private InboxRow row(StoredCase stored, Instant now, Optional<String> waiting) {
    return InboxRow.of(stored, SlaBadge.of(sla.clocks(stored), now), waiting);
  }

  private static QueryBuilder query(Filters filters) {
    return new QueryBuilder(filters);
  }

  /** The case listing's query for a queue and the filters. */
  private static final class QueryBuilder {
    private final Filters filters;
    private Optional<String> assignee = Optional.empty();
    private Optional<String> team = Optional.empty();
    private boolean unassigned;
    private Optional<Instant> dueBefore = Optional.empty();

    QueryBuilder(Filters filters) {
      this.filters = filters;
    }

    QueryBuilder withAssignee(String username) {
      assignee = Optional.of(username);
      return this;
    }

    QueryBuilder withTeam(String name) {
      team = Optional.of(name);
      return this;
    }

    QueryBuilder unassigned() {
      unassigned = true;
      return this;
    }

    QueryBuilder dueBefore(Instant at) {
      dueBefore = Optional.of(at);
      return this;
    }

    Cases.Query build() {
      return new Cases.Query(
          filters.status(),
          filters.channel(),
          filters.protocol(),
          assignee,
          unassigned,
          team,
          dueBefore,
          Optional.empty(),
          filters.cursor(),
          PAGE,
          filters.language(),
          filters.tier());
    }
  }
}
