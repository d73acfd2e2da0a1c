package io.servicebook.server.sla;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.calendar.BusinessClock;
import io.servicebook.cases.Case;
import io.servicebook.cases.CaseFacts;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Interaction;
import io.servicebook.condition.ConditionInput;
import io.servicebook.condition.Evaluation;
import io.servicebook.protocol.Condition;
import io.servicebook.protocol.Priority;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Sla;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.sla.SlaClock;
import io.servicebook.sla.SlaClocks;
import io.servicebook.sla.SlaEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A case's SLA clocks at a moment: its history (opening, conversation, status and priority changes)
 * counted against the SLA of the protocol version it runs, on the SLA's calendar.
 */
@Component
class CaseClocks {

  private static final Logger log = LoggerFactory.getLogger(CaseClocks.class);

  /** Without a calendar every hour counts: 24/7 in UTC. */
  static final BusinessCalendar AROUND_THE_CLOCK = BusinessCalendar.aroundTheClock();

  private final Cases cases;
  private final ProtocolCatalog catalog;
  private final SlaRepository repository;

  CaseClocks(Cases cases, ProtocolCatalog catalog, SlaRepository repository) {
    this.cases = cases;
    this.catalog = catalog;
    this.repository = repository;
  }

  /** The SLA of the protocol version the case runs; empty without protocol or SLA. */
  Optional<Sla> sla(StoredCase stored) {
    return stored
        .protocol()
        .flatMap(ref -> catalog.version(ref.slug(), ref.version()))
        .map(catalog::model)
        .flatMap(Protocol::sla);
  }

  /** A clock cycle of a case at a moment, with the case and the SLA it counts against. */
  record CaseClock(StoredCase stored, Sla sla, SlaClock clock) {}

  /**
   * The clock cycle a timer is for, as it stands at {@code now}, while it still runs: empty if it
   * is gone, if it stopped, or if the case is resolved or closed. A timer left over from before
   * resolving stopped every clock (an older version kept them) so finds nothing to act on.
   */
  Optional<CaseClock> running(SlaTimer timer, Instant now) {
    return cases
        .find(timer.caseId())
        .filter(stored -> !isResolved(stored.kase().status()))
        .flatMap(
            stored ->
                sla(stored)
                    .flatMap(
                        sla ->
                            at(stored, sla, now).stream()
                                .filter(timer::isOf)
                                .filter(SlaClock::isRunning)
                                .findFirst()
                                .map(c -> new CaseClock(stored, sla, c))));
  }

  static boolean isResolved(CaseStatus status) {
    return status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED;
  }

  /** Every clock cycle of the case as it stands at {@code now}. */
  List<SlaClock> at(StoredCase stored, Instant now) {
    return sla(stored).map(sla -> at(stored, sla, now)).orElse(List.of());
  }

  List<SlaClock> at(StoredCase stored, Sla sla, Instant now) {
    return at(stored, sla, now, history(stored, repository.changes(stored.kase().id())));
  }

  /** The clocks of a case whose kept changes are known: {@code changes}, oldest first. */
  List<SlaClock> at(StoredCase stored, Instant now, List<SlaEvent> changes) {
    return sla(stored).map(sla -> at(stored, sla, now, history(stored, changes))).orElse(List.of());
  }

  private List<SlaClock> at(StoredCase stored, Sla sla, Instant now, List<SlaEvent> history) {
    SlaClocks clocks =
        SlaClocks.of(sla, BusinessClock.of(calendar(sla)), pauseRule(sla, stored.kase(), now));
    return clocks.at(history, now);
  }

  /**
   * The case's history as the clocks see it: opened (with the first customer message), then every
   * public message in or out and every status and priority change, oldest first.
   */
  List<SlaEvent> history(StoredCase stored) {
    return history(stored, repository.changes(stored.kase().id()));
  }

  private static List<SlaEvent> history(StoredCase stored, List<SlaEvent> changes) {
    Case kase = stored.kase();
    List<SlaEvent> events = new ArrayList<>();
    if (changes.isEmpty() || !(changes.get(0) instanceof SlaEvent.Opened)) {
      // a case opened before its changes were kept: count from its creation as it is now
      events.add(new SlaEvent.Opened(kase.createdAt(), CaseStatus.NEW, kase.priority()));
      if (changes.isEmpty() && kase.status() != CaseStatus.NEW) {
        events.add(new SlaEvent.StatusChanged(kase.createdAt(), kase.status()));
      }
    }
    events.addAll(changes);
    List<Interaction> conversation = kase.interactions();
    for (int i = 0; i < conversation.size(); i++) {
      Interaction interaction = conversation.get(i);
      boolean openingMessage = i == 0 && interaction.fromCustomer();
      if (openingMessage
          || interaction.visibility() != Interaction.Visibility.PUBLIC
          || interaction.kind() == Interaction.Kind.AUTOMATED_MESSAGE) {
        continue;
      }
      // the customer's call counts as their message; the agent's call answers them as a reply does
      events.add(
          interaction.fromCustomer()
              ? new SlaEvent.CustomerMessage(interaction.at())
              : new SlaEvent.AgentReply(interaction.at()));
    }
    // stable: the opening stays first, and same-instant changes keep the order they happened in
    return events.stream().sorted(Comparator.comparing(SlaEvent::at)).toList();
  }

  private BusinessCalendar calendar(Sla sla) {
    return sla.calendar()
        .map(
            name ->
                catalog
                    .calendar(name)
                    .orElseGet(
                        () -> {
                          log.warn("SLA calendar {} is missing; counting around the clock", name);
                          return AROUND_THE_CLOCK;
                        }))
        .orElse(AROUND_THE_CLOCK);
  }

  /**
   * The protocol's {@code pause_when}, asked with the case as it is but for the status and priority
   * the clocks try; a condition that cannot be decided does not pause.
   */
  static SlaClocks.PauseRule pauseRule(Sla sla, Case kase, Instant now) {
    return sla.pauseWhen()
        .<SlaClocks.PauseRule>map(
            condition -> (status, priority) -> holds(condition, kase, status, priority, now))
        .orElse(SlaClocks.PauseRule.WAITING_ON_CUSTOMER);
  }

  private static boolean holds(
      Condition condition, Case kase, CaseStatus status, Priority priority, Instant now) {
    ConditionInput input = CaseFacts.of(kase).conditionInput(Map.of(), now);
    Map<String, Object> values = new LinkedHashMap<>(input.caseValues());
    values.put("status", status.key());
    values.put("priority", priority.key());
    ConditionInput tried =
        new ConditionInput(values, input.customer(), input.fields(), input.agent(), now);
    return condition.compiled().evaluate(tried) instanceof Evaluation.Value value && value.result();
  }
}
