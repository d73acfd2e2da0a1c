package io.servicebook.server.compensation;

import io.servicebook.compensation.BudgetStanding;
import io.servicebook.compensation.CaseTotals;
import io.servicebook.compensation.CompensationOffer;
import io.servicebook.compensation.CompensationRules;
import io.servicebook.compensation.Decision;
import io.servicebook.compensation.Money;
import io.servicebook.compensation.Refusal;
import io.servicebook.protocol.Action;
import io.servicebook.protocol.Protocol;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.compensation.CompensationRepository.Budget;
import io.servicebook.server.compensation.CompensationRepository.LedgerLine;
import io.servicebook.server.compensation.CompensationRepository.StepOffer;
import io.servicebook.server.compensation.CompensationRequests.BudgetSetting;
import io.servicebook.server.compensation.CompensationRequests.NewCompensation;
import io.servicebook.server.compensation.StoredCompensation.Status;
import io.servicebook.server.protocols.ProtocolCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compensation on cases: decides agents' requests with {@link CompensationRules} against the case's
 * protocol offer and its team's budget for the month, lets supervisors approve or reject what needs
 * approval, and keeps the ledger. Each operation is one transaction with its audit events; grants
 * lock the team's budget row, so racing grants never spend more than the budget.
 */
@Service
public class Compensations {

  static final String SYSTEM = "system";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final CompensationRepository repository;
  private final Cases cases;
  private final ProtocolCatalog catalog;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final TransactionTemplate transactions;

  Compensations(
      CompensationRepository repository,
      Cases cases,
      ProtocolCatalog catalog,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock,
      TransactionTemplate transactions) {
    this.repository = repository;
    this.cases = cases;
    this.catalog = catalog;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
    this.transactions = transactions;
  }

  /** What a request for compensation got. */
  sealed interface Requested {
    record CaseNotFound(String caseId) implements Requested {}

    /** Stored as granted, pending approval, or refused (with every reason). */
    record Decided(StoredCompensation compensation, List<Reason> refusals) implements Requested {}
  }

  /** What an approval or rejection got. */
  sealed interface Decided {
    record NotFound(String id) implements Decided {}

    /** It was decided already. */
    record NotPending(StoredCompensation compensation) implements Decided {}

    /** A supervisor approves what someone else asked for. */
    record OwnRequest(StoredCompensation compensation) implements Decided {}

    /** Approving it now would break a limit; it stays pending. */
    record Refused(StoredCompensation compensation, List<Reason> reasons) implements Decided {}

    record Done(StoredCompensation compensation) implements Decided {}
  }

  /** What setting a budget got. */
  sealed interface BudgetSet {
    record Set(BudgetView view) implements BudgetSet {}

    /** The team already granted in another currency this month. */
    record CurrencyTaken(String currency) implements BudgetSet {}

    /** The team already granted more than the new amount this month. */
    record BelowSpent(Money spent) implements BudgetSet {}
  }

  /** Why a compensation was refused: a stable code (such as {@code over-budget}) and a sentence. */
  record Reason(String code, String message) {}

  /** A team's budget for a month, what it granted from it and each grant. */
  record BudgetView(Budget budget, Money spent, Money left, List<LedgerLine> ledger) {}

  Requested request(String caseId, NewCompensation request, String actor) {
    return transactions.execute(
        tx -> {
          if (!repository.lockCase(caseId)) {
            return new Requested.CaseNotFound(caseId);
          }
          StoredCase kase = cases.find(caseId).orElseThrow();
          Instant now = now();
          String id = UUID.randomUUID().toString();
          Optional<StepOffer> stepOffer = repository.latestOffer(caseId);
          Optional<CompensationOffer> offer =
              stepOffer.map(StepOffer::offer).or(() -> protocolOffer(kase));
          CaseTotals totals =
              offer.map(o -> repository.totals(caseId, o.currency(), id)).orElse(CaseTotals.NONE);
          Optional<String> team = kase.kase().team();
          BudgetStanding standing = standing(team, CompensationRules.budgetMonth(now));
          Decision decision = CompensationRules.decide(request.amount(), offer, totals, standing);
          StoredCompensation asked =
              new StoredCompensation(
                  id,
                  caseId,
                  stepOffer.map(StepOffer::runId),
                  stepOffer.map(StepOffer::stepId),
                  team,
                  request.amount(),
                  request.reason(),
                  offer,
                  Status.PENDING_APPROVAL,
                  actor,
                  now,
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty());
          audit("compensation.requested", asked, actor, request.reason(), Map.of());
          return switch (decision) {
            case Decision.Granted granted -> {
              StoredCompensation done =
                  asked.decided(
                      Status.GRANTED,
                      SYSTEM,
                      now,
                      "within the protocol's limits and the team's budget");
              repository.insert(done);
              grant(done, standing, actor, now);
              yield new Requested.Decided(done, List.of());
            }
            case Decision.NeedsApproval needs -> {
              StoredCompensation pending = asked.pendingBecause(needs.why());
              repository.insert(pending);
              audit("compensation.approval_needed", pending, actor, needs.why(), Map.of());
              events.publishEvent(
                  new ApprovalRequested(
                      pending.id(),
                      pending.caseId(),
                      pending.amount().amount().toPlainString() + " " + pending.amount().currency(),
                      pending.reason(),
                      pending.requestedBy()));
              yield new Requested.Decided(pending, List.of());
            }
            case Decision.Refused refused -> {
              List<Reason> reasons = explain(refused.reasons(), standing);
              StoredCompensation done =
                  asked.decided(Status.REFUSED, SYSTEM, now, sentence(reasons));
              repository.insert(done);
              audit(
                  "compensation.refused",
                  done,
                  SYSTEM,
                  done.decisionReason().orElseThrow(),
                  Map.of("stage", "request", "reasons", codes(reasons)));
              yield new Requested.Decided(done, reasons);
            }
          };
        });
  }

  Decided approve(String id, Optional<String> reason, String actor) {
    return transactions.execute(
        tx -> {
          Optional<StoredCompensation> found = repository.findForDecision(id);
          if (found.isEmpty()) {
            return new Decided.NotFound(id);
          }
          StoredCompensation pending = found.get();
          if (pending.status() != Status.PENDING_APPROVAL) {
            return new Decided.NotPending(pending);
          }
          if (pending.requestedBy().equals(actor)) {
            return new Decided.OwnRequest(pending);
          }
          repository.lockCase(pending.caseId());
          Instant now = now();
          BudgetStanding standing = standing(pending.team(), CompensationRules.budgetMonth(now));
          CaseTotals others =
              pending
                  .offer()
                  .map(o -> repository.totals(pending.caseId(), o.currency(), id))
                  .orElse(CaseTotals.NONE);
          return switch (CompensationRules.approve(
              pending.amount(), pending.offer(), others, standing)) {
            case Decision.Granted granted -> {
              String why = reason.orElse("approved");
              StoredCompensation done = pending.decided(Status.GRANTED, actor, now, why);
              repository.decide(done);
              audit("compensation.approved", done, actor, why, Map.of());
              grant(done, standing, actor, now);
              yield new Decided.Done(done);
            }
            case Decision.Refused refused -> {
              List<Reason> reasons = explain(refused.reasons(), standing);
              audit(
                  "compensation.refused",
                  pending,
                  actor,
                  sentence(reasons),
                  Map.of("stage", "approval", "reasons", codes(reasons)));
              yield new Decided.Refused(pending, reasons);
            }
            case Decision.NeedsApproval needs ->
                throw new IllegalStateException(
                    "an approval never needs another approval; the rules said so (a bug)");
          };
        });
  }

  Decided reject(String id, String reason, String actor) {
    return transactions.execute(
        tx -> {
          Optional<StoredCompensation> found = repository.findForDecision(id);
          if (found.isEmpty()) {
            return new Decided.NotFound(id);
          }
          if (found.get().status() != Status.PENDING_APPROVAL) {
            return new Decided.NotPending(found.get());
          }
          StoredCompensation done = found.get().decided(Status.REJECTED, actor, now(), reason);
          repository.decide(done);
          audit("compensation.rejected", done, actor, reason, Map.of());
          return new Decided.Done(done);
        });
  }

  Optional<StoredCompensation> find(String id) {
    return repository.find(id);
  }

  /** The case's compensations, oldest first; empty when there is no such case. */
  Optional<List<StoredCompensation>> ofCase(String caseId) {
    return cases.find(caseId).map(c -> repository.ofCase(caseId));
  }

  /** A compensation asked for on a case, as the customer's profile lists it. */
  public record OnCase(Money amount, String status, Instant requestedAt) {}

  /** What was asked for on the case and how it was decided, oldest first (the profile's view). */
  public List<OnCase> onCase(String caseId) {
    return repository.ofCase(caseId).stream()
        .map(c -> new OnCase(c.amount(), c.status().key(), c.requestedAt()))
        .toList();
  }

  List<StoredCompensation> withStatus(Status status, int limit) {
    return repository.withStatus(status, limit);
  }

  /** A request waiting for a supervisor's approval, as another feature's page lists it. */
  public record Waiting(
      String id, String caseId, Money amount, String reason, String requestedBy, Instant at) {}

  /** The requests waiting for approval, as the API's approval queue. */
  public List<Waiting> waitingForApproval(int limit) {
    return withStatus(Status.PENDING_APPROVAL, limit).stream()
        .map(
            c ->
                new Waiting(
                    c.id(), c.caseId(), c.amount(), c.reason(), c.requestedBy(), c.requestedAt()))
        .toList();
  }

  /**
   * What the case page shows about compensation on a case: the offer that applies (a step's, else
   * the protocol's), what is left of its maximum after what was granted or is pending, and what is
   * left of the case's team's budget this month.
   */
  public record Standing(
      Optional<CompensationOffer> offer,
      Optional<Money> caseLeft,
      Optional<String> team,
      YearMonth month,
      Optional<Money> budgetLeft) {}

  /** The case's compensation standing; empty when there is no such case. */
  public Optional<Standing> standingOf(String caseId) {
    return cases
        .find(caseId)
        .map(
            kase -> {
              Optional<CompensationOffer> offer =
                  repository
                      .latestOffer(caseId)
                      .map(StepOffer::offer)
                      .or(() -> protocolOffer(kase));
              Optional<Money> caseLeft =
                  offer.flatMap(
                      o ->
                          o.max()
                              .map(
                                  max -> {
                                    CaseTotals t = repository.totals(caseId, o.currency(), "");
                                    return new Money(
                                        max.subtract(t.granted()).subtract(t.pending()),
                                        o.currency());
                                  }));
              Optional<String> team = kase.kase().team();
              YearMonth month = CompensationRules.budgetMonth(now());
              Optional<Money> budgetLeft =
                  team.flatMap(t -> budget(t, month)).map(BudgetView::left);
              return new Standing(offer, caseLeft, team, month, budgetLeft);
            });
  }

  /**
   * What an agent's request got: {@code granted}, {@code pending_approval} or {@code refused}, with
   * the decision's reason and each refusal's sentence.
   */
  public record Answer(String status, Optional<String> why, List<String> refusals) {}

  /** An agent asks for compensation on the case; empty when there is no such case. */
  public Optional<Answer> requestByAgent(String caseId, Money amount, String reason, String actor) {
    return switch (request(caseId, new NewCompensation(amount, reason), actor)) {
      case Requested.CaseNotFound missing -> Optional.empty();
      case Requested.Decided decided ->
          Optional.of(
              new Answer(
                  decided.compensation().status().key(),
                  decided.compensation().decisionReason(),
                  decided.refusals().stream().map(Reason::message).toList()));
    };
  }

  /**
   * What a supervisor's approval or rejection from a page got: {@code done}, {@code not_found},
   * {@code not_pending}, {@code own_request}, or {@code refused} with each of the rules' reasons.
   */
  public record Verdict(String outcome, List<String> reasons) {}

  /** A supervisor approves a pending request; the rules may still refuse it (budget spent). */
  public Verdict approveBySupervisor(String id, Optional<String> reason, String actor) {
    return verdict(approve(id, reason, actor));
  }

  /** A supervisor rejects a pending request for a reason. */
  public Verdict rejectBySupervisor(String id, String reason, String actor) {
    return verdict(reject(id, reason, actor));
  }

  private static Verdict verdict(Decided decided) {
    return switch (decided) {
      case Decided.Done done -> new Verdict("done", List.of());
      case Decided.NotFound missing -> new Verdict("not_found", List.of());
      case Decided.NotPending decidedBefore -> new Verdict("not_pending", List.of());
      case Decided.OwnRequest own -> new Verdict("own_request", List.of());
      case Decided.Refused refused ->
          new Verdict("refused", refused.reasons().stream().map(Reason::message).toList());
    };
  }

  BudgetSet setBudget(BudgetSetting setting, String actor) {
    return setBudget(setting, actor, Optional.empty());
  }

  /**
   * Sets a team's budget for a month, as above; {@code rolledOverFrom} is the month whose budget it
   * copies, for the audit trail.
   */
  BudgetSet setBudget(BudgetSetting setting, String actor, Optional<YearMonth> rolledOverFrom) {
    return transactions.execute(
        tx -> {
          Optional<Budget> before = repository.budgetForGrant(setting.team(), setting.month());
          String currency = setting.amount().currency();
          Optional<String> other =
              repository.currenciesSpent(setting.team(), setting.month()).stream()
                  .filter(c -> !c.equals(currency))
                  .findFirst();
          if (other.isPresent()) {
            return new BudgetSet.CurrencyTaken(other.get());
          }
          BigDecimal spent = repository.spent(setting.team(), setting.month(), currency);
          if (setting.amount().amount().compareTo(spent) < 0) {
            return new BudgetSet.BelowSpent(new Money(spent, currency));
          }
          Budget budget =
              new Budget(setting.team(), setting.month(), setting.amount(), actor, now());
          if (before.isPresent()) {
            repository.updateBudget(budget);
          } else {
            repository.insertBudget(budget);
          }
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("team", budget.team());
          details.put("month", budget.month().toString());
          details.put("amount", budget.amount().amount().toPlainString());
          details.put("currency", currency);
          details.put(
              "previous",
              before
                  .map(
                      b ->
                          Map.of(
                              "amount",
                              b.amount().amount().toPlainString(),
                              "currency",
                              b.amount().currency()))
                  .orElse(null));
          rolledOverFrom.ifPresent(from -> details.put("rolled_over_from", from.toString()));
          audit.append(
              "budget",
              budget.team() + "/" + budget.month(),
              "budget.set",
              actor,
              null,
              JSON.writeValueAsString(details));
          return new BudgetSet.Set(view(budget));
        });
  }

  /**
   * Sets the team's budget for the month unless it has one (as the demo does for this month and the
   * next); true when it was set.
   */
  public boolean setBudgetUnlessSet(String team, YearMonth month, Money amount, String actor) {
    return Boolean.TRUE.equals(
        transactions.execute(
            tx ->
                repository.budget(team, month).isEmpty()
                    && setBudget(new BudgetSetting(team, month, amount), actor)
                        instanceof BudgetSet.Set));
  }

  Optional<BudgetView> budget(String team, YearMonth month) {
    return repository.budget(team, month).map(this::view);
  }

  /** Records that a step offered compensation on its terms. */
  void offered(String caseId, StepOffer offer, String actor) {
    repository.addOffer(caseId, offer, actor, now());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("run_id", offer.runId());
    details.put("step_id", offer.stepId());
    details.put("max", offer.offer().max().map(BigDecimal::toPlainString).orElse(null));
    details.put("currency", offer.offer().currency());
    details.put(
        "approval_above",
        offer.offer().approvalAbove().map(BigDecimal::toPlainString).orElse(null));
    audit.append(
        "case", caseId, "compensation.offered", actor, null, JSON.writeValueAsString(details));
  }

  private BudgetView view(Budget budget) {
    String currency = budget.amount().currency();
    BigDecimal spent = repository.spent(budget.team(), budget.month(), currency);
    return new BudgetView(
        budget,
        new Money(spent, currency),
        new Money(budget.amount().amount().subtract(spent), currency),
        repository.ledger(budget.team(), budget.month()));
  }

  /**
   * The case's protocol version's first {@code compensate} action, in step order, when no step of a
   * run offered one yet. Conditions ({@code when}) of such actions are not asked here: they are
   * asked when the step is submitted, and an offer from a step takes precedence.
   */
  private Optional<CompensationOffer> protocolOffer(StoredCase kase) {
    return kase.protocol()
        .flatMap(ref -> catalog.version(ref.slug(), ref.version()))
        .map(catalog::model)
        .flatMap(Compensations::firstOffer);
  }

  private static Optional<CompensationOffer> firstOffer(Protocol protocol) {
    return protocol.steps().stream()
        .flatMap(step -> step.actions().stream())
        .filter(a -> a instanceof Action.Compensate)
        .map(a -> CompensationOffer.of((Action.Compensate) a))
        .findFirst();
  }

  /** The budget as it stands now, locked for the rest of the transaction. */
  private BudgetStanding standing(Optional<String> team, YearMonth month) {
    Optional<Budget> budget = team.flatMap(t -> repository.budgetForGrant(t, month));
    BigDecimal spent =
        budget
            .map(b -> repository.spent(b.team(), month, b.amount().currency()))
            .orElse(BigDecimal.ZERO);
    return new BudgetStanding(team, month, budget.map(Budget::amount), spent);
  }

  private void grant(StoredCompensation done, BudgetStanding standing, String actor, Instant at) {
    String team =
        standing
            .team()
            .orElseThrow(() -> new IllegalStateException("granted without a team (a bug)"));
    repository.addToLedger(
        new LedgerLine(done.id(), done.caseId(), team, standing.month(), done.amount(), actor, at));
    audit(
        "compensation.granted",
        done,
        actor,
        done.decisionReason().orElse(null),
        Map.of(
            "month",
            standing.month().toString(),
            "left",
            standing
                .left()
                .map(left -> left.amount().subtract(done.amount().amount()).toPlainString())
                .orElseThrow()));
  }

  /** The rules' reasons, with how to set a missing budget. */
  private static List<Reason> explain(List<Refusal> reasons, BudgetStanding standing) {
    return reasons.stream()
        .map(
            r ->
                new Reason(
                    r.kind().code(),
                    r.kind() == Refusal.Kind.NO_BUDGET
                        ? r.message()
                            + "; ask an admin to set one under Administration → Compensation"
                            + " budgets (/admin/budgets?month="
                            + standing.month()
                            + ")"
                        : r.message()))
        .toList();
  }

  private static String sentence(List<Reason> reasons) {
    return String.join("; ", reasons.stream().map(Reason::message).toList());
  }

  private static List<String> codes(List<Reason> reasons) {
    return reasons.stream().map(Reason::code).toList();
  }

  private void audit(
      String type, StoredCompensation c, String actor, String reason, Map<String, Object> extra) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("case_id", c.caseId());
    details.put("team", c.team().orElse(null));
    details.put("amount", c.amount().amount().toPlainString());
    details.put("currency", c.amount().currency());
    details.put("run_id", c.runId().orElse(null));
    details.put("step_id", c.stepId().orElse(null));
    if (!type.equals("compensation.requested")) {
      details.put("status", c.status().key());
    }
    details.putAll(extra);
    audit.append("compensation", c.id(), type, actor, reason, JSON.writeValueAsString(details));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
