package io.servicebook.server.demo;

import io.servicebook.compensation.CompensationRules;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.runs.Deviation;
import io.servicebook.runs.StepOutcome;
import io.servicebook.runs.StepVisit;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.protocols.PublishedProtocol;
import io.servicebook.server.runs.RunState;
import io.servicebook.server.timers.Timers;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A past of many cases for demos and benchmarks ({@code servicebook demo-data}): cases of the
 * published protocols over the last days, with conversations, runs that sometimes leave a step with
 * a reason, resolutions and reopenings, escalations, SLA history, survey answers, the follow-ups of
 * protocols that ask for them ({@link DemoFollowUps}) and compensation against monthly team budgets
 * ({@link DemoCompensation}), with believable distributions. The rows are written directly, a
 * thousand cases per transaction, without audit events: nobody did these things. Every number comes
 * from a seeded random source, so the same seed gives the same history (counted back from the same
 * moment); follow-ups and compensation draw from a second source of the same seed, so that
 * everything else gets the numbers it got before they were added.
 */
@Service
public class DemoHistory {

  /** Cases written per transaction. */
  static final int CHUNK = 1_000;

  /** About how many of a protocol's cases get past its step that offers compensation. */
  private static final double OFFERED = 0.95;

  private static final List<String> AGENTS =
      List.of("agent", "ana", "ben", "chloe", "dev", "emil", "fatima", "gus", "hana", "ivan");

  private static final List<String> TEAMS = List.of("support-eu", "support-us", "billing", "tech");

  /** Language and how many customers in a hundred speak it. */
  private static final List<Map.Entry<String, Integer>> LANGUAGES =
      List.of(
          Map.entry("en", 50),
          Map.entry("de", 18),
          Map.entry("fr", 10),
          Map.entry("es", 10),
          Map.entry("it", 6),
          Map.entry("nl", 6));

  private static final List<String> SKIP_REASONS =
      List.of(
          "Customer in a hurry",
          "Already verified on the phone",
          "Order number in the first message",
          "Known outage, skipped diagnosis",
          "Customer asked for a call back");

  private static final List<String> GOOD_COMMENTS =
      List.of("Quick and friendly", "Solved on the first try", "Great help from your team");

  private static final List<String> BAD_COMMENTS =
      List.of(
          "Took days to hear back",
          "I had to explain everything twice",
          "The answer sounded like a script",
          "Still not solved");

  private final DemoHistoryRepository repository;
  private final ProtocolCatalog catalog;
  private final TransactionTemplate transactions;
  private final Timers timers;
  private final Clock clock;

  DemoHistory(
      DemoHistoryRepository repository,
      ProtocolCatalog catalog,
      TransactionTemplate transactions,
      Timers timers,
      Clock clock) {
    this.repository = repository;
    this.catalog = catalog;
    this.transactions = transactions;
    this.timers = timers;
    this.clock = clock;
  }

  /** What was written. */
  public record Written(long cases, long interactions, long surveys, long followUps, long grants) {}

  /**
   * Writes {@code cases} cases created over the last {@code days} days.
   *
   * @param progress told the number of cases written after each transaction
   * @throws IllegalStateException when no protocol is published to give the cases
   */
  public Written generate(long cases, int days, long seed, LongConsumer progress) {
    List<Choice> protocols = choices();
    if (protocols.isEmpty()) {
      throw new IllegalStateException(
          "No protocol is published; import a pack first (serve --demo imports the starter pack).");
    }
    SplittableRandom random = new SplittableRandom(seed);
    SplittableRandom extras = new SplittableRandom(seed).split();
    // a third source, split off a copy of the second, so that neither of them changes its numbers
    SplittableRandom values = new SplittableRandom(seed).split().split();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    DemoCompensation compensation = budgets(protocols, cases, days, now);
    IntFunction<DemoHistoryRepository.Batch> chunk =
        n -> {
          DemoHistoryRepository.Batch batch = new DemoHistoryRepository.Batch();
          for (int i = 0; i < n; i++) {
            oneCase(batch, protocols, random, extras, values, compensation, now, days);
          }
          return batch;
        };
    long written = 0;
    long interactions = 0;
    long surveys = 0;
    long followUps = 0;
    long grants = 0;
    // one thread generates the next chunk while this one writes the last: the cases come from the
    // random sources in the same order, and writing no longer waits for generating
    ExecutorService generator =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("demo-history").daemon().factory());
    try {
      Future<DemoHistoryRepository.Batch> next =
          generator.submit(() -> chunk.apply((int) Math.min(CHUNK, cases)));
      while (written < cases) {
        DemoHistoryRepository.Batch batch = generated(next);
        long after = written + batch.cases();
        if (after < cases) {
          next = generator.submit(() -> chunk.apply((int) Math.min(CHUNK, cases - after)));
        }
        transactions.executeWithoutResult(
            status -> {
              repository.write(batch);
              timers.scheduleNew(batch.timers());
            });
        written = after;
        interactions += batch.interactions().size();
        surveys += batch.surveys().size();
        followUps += batch.followUps().size();
        grants += batch.ledger().size();
        progress.accept(written);
      }
    } finally {
      generator.shutdownNow();
    }
    // the tables grew a lot at once: let the database plan the reports with their new sizes
    repository.analyze();
    return new Written(written, interactions, surveys, followUps, grants);
  }

  private static DemoHistoryRepository.Batch generated(Future<DemoHistoryRepository.Batch> chunk) {
    try {
      return chunk.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while generating the demo history", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failed) {
        throw failed;
      }
      throw new IllegalStateException("Generating the demo history failed", e.getCause());
    }
  }

  /** A published protocol version and its model, with how often cases get it. */
  private record Choice(
      PublishedProtocol version,
      Protocol model,
      int weight,
      Optional<DemoCompensation.StepOffer> offer) {
    Choice(PublishedProtocol version, Protocol model, int weight) {
      this(version, model, weight, DemoCompensation.offerOf(model));
    }
  }

  /**
   * Sets each team's budget for every month of the history that has none, sized by what the cases
   * of the protocols offering compensation in the team's currency spend on average, before any
   * grant counts against them.
   */
  private DemoCompensation budgets(List<Choice> protocols, long cases, int days, Instant now) {
    int total = protocols.stream().mapToInt(Choice::weight).sum();
    Map<String, BigDecimal> perCase = new HashMap<>();
    for (Choice choice : protocols) {
      choice
          .offer()
          .ifPresent(
              offer ->
                  perCase.merge(
                      offer.offer().currency(),
                      DemoCompensation.perCase(offer.offer())
                          .multiply(BigDecimal.valueOf(choice.weight() * OFFERED / total)),
                      BigDecimal::add));
    }
    YearMonth from = CompensationRules.budgetMonth(now.minus(Duration.ofDays(days)));
    YearMonth to = CompensationRules.budgetMonth(now);
    List<DemoHistoryRepository.BudgetRow> toWrite = new ArrayList<>();
    DemoCompensation compensation =
        DemoCompensation.plan(
            from,
            to,
            perCase,
            cases * 30.44 / days,
            repository.budgets(from.toString(), to.toString()),
            toWrite);
    transactions.executeWithoutResult(status -> repository.insertBudgets(toWrite));
    return compensation;
  }

  private List<Choice> choices() {
    List<Choice> choices = new ArrayList<>();
    List<PublishedProtocol> latest = catalog.latestOfEach();
    for (int i = 0; i < latest.size(); i++) {
      PublishedProtocol newest = latest.get(i);
      // the first protocols are the common ones: weights 16, 8, 5, 4, 3, 3, 2…
      int weight = Math.max(2, 16 / (i + 1));
      for (int version : catalog.versions(newest.slug())) {
        PublishedProtocol published = catalog.version(newest.slug(), version).orElseThrow();
        boolean current = version == newest.version();
        choices.add(new Choice(published, catalog.model(published), current ? weight * 3 : weight));
      }
    }
    return choices;
  }

  /**
   * One case and everything about it; {@code extras} gives the numbers of its follow-ups and
   * compensation and {@code values} what its run captured, so that {@code random} gives the rest as
   * before they were generated.
   */
  private void oneCase(
      DemoHistoryRepository.Batch batch,
      List<Choice> protocols,
      SplittableRandom random,
      SplittableRandom extras,
      SplittableRandom values,
      DemoCompensation compensation,
      Instant now,
      int days) {
    Choice choice = weighted(protocols, random);
    Protocol model = choice.model();
    String id = uuid(random);
    Instant created = created(random, now, days);
    Channel channel =
        model.channels().isEmpty()
            ? List.of(Channel.EMAIL, Channel.CHAT, Channel.PHONE).get(random.nextInt(3))
            : model.channels().get(random.nextInt(model.channels().size()));
    String language = language(random);
    boolean vip = random.nextInt(100) < 12;
    String agent = AGENTS.get(random.nextInt(AGENTS.size()));
    String team = TEAMS.get(random.nextInt(TEAMS.size()));
    // slower on email, faster for VIP customers; a few answered very late
    double typical =
        switch (channel) {
          case CHAT, SOCIAL, SMS -> 90;
          case PHONE, VIDEO, IN_PERSON -> 30;
          default -> 2.5 * 3600;
        };
    long firstResponse =
        Math.max(5, (long) (typical * (vip ? 0.6 : 1) * Math.exp(random.nextGaussian() * 0.9)));
    long resolution =
        firstResponse + (long) (4 * 3600 * Math.exp(random.nextGaussian() * 1.1)) + 60;
    Instant answeredAt = created.plusSeconds(firstResponse);
    Instant resolvedAt = created.plusSeconds(resolution);
    boolean answered = answeredAt.isBefore(now);
    boolean resolved = resolvedAt.isBefore(now) && random.nextInt(100) < 96;
    // a reopen is the customer writing 20 hours after the resolution, so only before now
    boolean reopened =
        resolved && random.nextInt(100) < 4 && resolvedAt.plus(Duration.ofHours(20)).isBefore(now);
    String status =
        resolved
            ? (resolvedAt.plus(Duration.ofDays(7)).isBefore(now) ? "CLOSED" : "RESOLVED")
            : answered ? "OPEN" : "NEW";
    String customer = uuid(random);
    String priority = vip ? "HIGH" : random.nextInt(10) == 0 ? "LOW" : "NORMAL";
    batch.customer(customer, id, language, vip ? "vip" : "standard", created);
    batch.kase(
        new DemoHistoryRepository.CaseRow(
            id,
            status,
            channel.name(),
            model.slug(),
            "Demo history: " + model.title(),
            priority,
            agent,
            team,
            customer,
            language,
            vip ? "vip" : "standard",
            model.slug(),
            choice.version().version(),
            created));
    batch.sla(id, "OPENED", "NEW", priority, created);
    batch.interaction(id, "INBOUND_MESSAGE", channel.name(), "customer", created);
    Instant last = created;
    if (answered) {
      batch.interaction(id, "OUTBOUND_MESSAGE", channel.name(), agent, answeredAt);
      batch.sla(id, "STATUS", "OPEN", null, answeredAt);
      last = answeredAt;
      // back and forth until resolution: four messages more on average
      long exchanges = 1 + random.nextInt(3);
      long span =
          Math.max(60, Duration.between(answeredAt, resolved ? resolvedAt : now).toSeconds());
      for (int k = 1; k <= exchanges; k++) {
        Instant asked = answeredAt.plusSeconds(span * (2L * k - 1) / (2 * exchanges + 1));
        Instant replied = answeredAt.plusSeconds(span * (2L * k) / (2 * exchanges + 1));
        batch.interaction(id, "INBOUND_MESSAGE", channel.name(), "customer", asked);
        batch.interaction(id, "OUTBOUND_MESSAGE", channel.name(), agent, replied);
        last = replied;
      }
    }
    if (random.nextInt(100) < 7) {
      batch.escalation(id, team, agent, created.plusSeconds(firstResponse / 2 + 30));
    }
    List<Step> steps = model.steps();
    boolean skip = steps.size() > 1 && random.nextInt(100) < 18;
    boolean leftMidway = resolved && !skip && random.nextInt(100) < 3;
    String runStatus = resolved && !leftMidway ? "COMPLETED" : "ACTIVE";
    int reached =
        resolved && !leftMidway ? steps.size() : 1 + random.nextInt(Math.max(1, steps.size()));
    String runId = uuid(random);
    int skipped = skip ? random.nextInt(Math.min(reached, steps.size())) : -1;
    String reason = skip ? SKIP_REASONS.get(random.nextInt(SKIP_REASONS.size())) : null;
    batch.run(
        runId,
        id,
        model.slug(),
        choice.version().version(),
        runStatus,
        run(
            model,
            reached,
            skipped,
            reason,
            agent,
            customer(values, id, language),
            values,
            created,
            last),
        created,
        last);
    if (choice.offer().isPresent()) {
      int step = choice.offer().get().index();
      if (submitted(steps, reached, skipped, step)) {
        compensation.write(
            batch,
            extras,
            id,
            runId,
            choice.offer().get(),
            agent,
            team,
            leftAt(step, Math.max(1, Math.min(reached, steps.size())), created, last),
            now);
      }
    }
    if (resolved) {
      Instant end = reopened ? resolvedAt.plus(Duration.ofHours(20)) : null;
      batch.resolution(id, 1, resolvedAt, end);
      batch.sla(id, "STATUS", "RESOLVED", null, resolvedAt);
      List<DemoFollowUps.Cycle> cycles = new ArrayList<>();
      cycles.add(new DemoFollowUps.Cycle(1, resolvedAt, end));
      if (reopened) {
        batch.interaction(id, "INBOUND_MESSAGE", channel.name(), "customer", end);
        batch.sla(id, "STATUS", "OPEN", null, end);
        Instant again = end.plus(Duration.ofHours(3));
        Instant second = again.isBefore(now) ? again : now;
        batch.resolution(id, 2, second, null);
        batch.sla(id, "STATUS", "RESOLVED", null, second);
        cycles.add(new DemoFollowUps.Cycle(2, second, null));
      }
      if (model.followUp().isPresent()) {
        DemoFollowUps.write(
            batch,
            extras,
            new DemoFollowUps.Subject(
                id,
                model.slug(),
                choice.version().version(),
                model.followUp().get(),
                channel,
                agent,
                team),
            cycles,
            now);
      }
      survey(batch, choice, random, id, customer, resolvedAt, vip, firstResponse > 4 * 3600, now);
    }
  }

  /** Asked on 45 % of resolutions, answered by 40 % of those; slow cases score lower. */
  private void survey(
      DemoHistoryRepository.Batch batch,
      Choice choice,
      SplittableRandom random,
      String caseId,
      String customer,
      Instant resolvedAt,
      boolean vip,
      boolean slow,
      Instant now) {
    if (random.nextInt(100) >= 45) {
      return;
    }
    SurveyKind kind = choice.model().feedback().map(f -> f.survey()).orElse(SurveyKind.CSAT);
    Instant sent = resolvedAt.plusSeconds(60);
    boolean answers = random.nextInt(100) < 40 && sent.plus(Duration.ofHours(2)).isBefore(now);
    String surveyId = uuid(random);
    batch.survey(
        surveyId,
        caseId,
        customer,
        choice.model().slug(),
        choice.version().version(),
        kind.name(),
        Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()),
        answers ? "ANSWERED" : sent.plus(Duration.ofDays(30)).isBefore(now) ? "EXPIRED" : "SENT",
        sent);
    if (!answers) {
      return;
    }
    // a fraction 0..1 of the way up the scale: mostly happy, a tail of unhappy customers
    double happiness =
        Math.min(
            1,
            Math.max(0, 0.78 + random.nextGaussian() * 0.25 - (slow ? 0.2 : 0) + (vip ? 0.05 : 0)));
    int score = kind.min() + (int) Math.round(happiness * (kind.max() - kind.min()));
    String comment =
        random.nextInt(100) < 30
            ? (happiness >= 0.6 ? GOOD_COMMENTS : BAD_COMMENTS).get(random.nextInt(3))
            : null;
    batch.answer(surveyId, score, comment, sent.plus(Duration.ofMinutes(20 + random.nextInt(600))));
  }

  /**
   * The run's path, captured values and step log, as {@link RunState} writes them: steps up to
   * {@code reached}, one skipped with a reason, each submitted one with what the agent typed into
   * its fields ({@link DemoValues}, drawn from {@code values}).
   */
  private static String[] run(
      Protocol model,
      int reached,
      int skipped,
      String reason,
      String agent,
      DemoValues.Customer who,
      SplittableRandom values,
      Instant from,
      Instant to) {
    List<Step> steps = model.steps();
    List<String> path = new ArrayList<>();
    List<StepVisit> log = new ArrayList<>();
    Map<String, Object> fields = new LinkedHashMap<>();
    int count = Math.max(1, Math.min(reached, steps.size()));
    long span = Math.max(count, Duration.between(from, to).toSeconds());
    for (int i = 0; i < count; i++) {
      Step step = steps.get(i);
      Instant entered = from.plusSeconds(span * i / count);
      boolean last = i == count - 1 && count < steps.size();
      boolean skip = i == skipped;
      Map<String, Object> captured =
          last || skip ? Map.of() : DemoValues.forStep(model, step, who, from, values);
      fields.putAll(captured);
      path.add(step.id());
      log.add(
          new StepVisit(
              step.id(),
              agent,
              entered,
              last ? Optional.empty() : Optional.of(agent),
              last ? Optional.empty() : Optional.of(leftAt(i, count, from, to)),
              last
                  ? Optional.empty()
                  : Optional.of(skip ? StepOutcome.SKIPPED : StepOutcome.SUBMITTED),
              captured,
              skip
                  ? List.of(
                      new Deviation(Deviation.Kind.SKIPPED, step.id(), reason, agent, entered))
                  : List.of()));
    }
    return new String[] {RunState.path(path), RunState.fields(fields), RunState.log(log)};
  }

  /**
   * Whether the run submitted the step: it got past it (the run's last step is left only when the
   * run went through all steps) and did not skip it.
   */
  private static boolean submitted(List<Step> steps, int reached, int skipped, int step) {
    int count = Math.max(1, Math.min(reached, steps.size()));
    boolean current = step == count - 1 && count < steps.size();
    return step < count && !current && step != skipped;
  }

  /** When the run left its {@code i}-th of {@code count} steps: the steps share its time evenly. */
  private static Instant leftAt(int i, int count, Instant from, Instant to) {
    long span = Math.max(count, Duration.between(from, to).toSeconds());
    return from.plusSeconds(span * (i + 1) / count);
  }

  /**
   * The customer as the run's fields show them: the generated customers are all Demo Customer, with
   * the e-mail address the case's customer row has (see {@link DemoHistoryRepository}) and a phone
   * number of their own.
   */
  private static DemoValues.Customer customer(
      SplittableRandom values, String caseId, String language) {
    return new DemoValues.Customer(
        "Demo",
        "Customer",
        "demo-" + caseId + "@example.com",
        "+49 30 555" + (10_000 + values.nextInt(90_000)),
        language);
  }

  private static Instant created(SplittableRandom random, Instant now, int days) {
    while (true) {
      Instant day = now.minus(Duration.ofSeconds(random.nextLong((long) days * 86_400)));
      DayOfWeek weekday = day.atZone(ZoneOffset.UTC).getDayOfWeek();
      int hour = day.atZone(ZoneOffset.UTC).getHour();
      int weight =
          (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 3 : 10)
              * (hour >= 7 && hour < 19 ? 3 : 1);
      if (random.nextInt(30) < weight) {
        return day;
      }
    }
  }

  private static String language(SplittableRandom random) {
    int pick = random.nextInt(100);
    for (Map.Entry<String, Integer> language : LANGUAGES) {
      pick -= language.getValue();
      if (pick < 0) {
        return language.getKey();
      }
    }
    return "en";
  }

  private static Choice weighted(List<Choice> choices, SplittableRandom random) {
    int total = choices.stream().mapToInt(Choice::weight).sum();
    int pick = random.nextInt(total);
    for (Choice choice : choices) {
      pick -= choice.weight();
      if (pick < 0) {
        return choice;
      }
    }
    return choices.getLast();
  }

  private static String uuid(SplittableRandom random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
