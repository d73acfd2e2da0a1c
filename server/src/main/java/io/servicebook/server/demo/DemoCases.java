package io.servicebook.server.demo;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Interaction;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import io.servicebook.server.cases.CaseRuns;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.NewCase;
import io.servicebook.server.suggestions.StepSuggestions;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo's cases: about two hundred customers writing in on every channel, in several languages,
 * standard and VIP, in every status, with a history in the past (opened, assigned, answered,
 * waiting, resolved, closed) so queues, SLA clocks near or past their breach, and timelines have
 * something to show. Written through the same services as real cases, each step at its own past
 * moment (see {@link DemoClock}); the runs of resolved and closed cases, and of half the others
 * part of the way, walked through their protocol with the values their fields ask for ({@link
 * DemoRuns}); deterministic, and only into a server that has no cases yet.
 */
@Component
public class DemoCases {

  private static final Logger log = LoggerFactory.getLogger(DemoCases.class);
  static final int COUNT = 200;
  private static final String INTAKE = "intake";
  private static final List<String> AGENTS = List.of("agent", "supervisor");

  /** The teams the cases are spread over, all of them {@link DemoTeams}. */
  private static final List<String> TEAMS = List.of("support-eu", "support-us", "billing", "tech");

  private final Cases cases;
  private final Clock clock;
  private final CaseRuns runs;
  private final StepSuggestions suggestions;
  private final DemoRuns walks;

  DemoCases(Cases cases, Clock clock, CaseRuns runs, StepSuggestions suggestions, DemoRuns walks) {
    this.cases = cases;
    this.clock = clock;
    this.runs = runs;
    this.suggestions = suggestions;
    this.walks = walks;
  }

  /** Opens the demo cases unless the server has cases already; answers how many it opened. */
  public int seed() {
    if (cases.count() > 0) {
      return 0;
    }
    if (!(clock instanceof DemoClock demo)) {
      log.warn("The clock was replaced, so the demo cannot write a history; no demo cases");
      return 0;
    }
    Random random = new Random(20_261_123L);
    Instant now = demo.realInstant();
    for (int i = 0; i < COUNT; i++) {
      // the walks of the runs draw from a source of their own, so the stories stay as they were
      Random walking = new Random(WALKS + i);
      for (Step step : story(i, random, walking, now)) {
        demo.runAt(step.at(), step.work());
      }
    }
    log.info("Opened {} demo cases", COUNT);
    return COUNT;
  }

  /** One thing that happens to a demo case, at its moment. */
  private record Step(Instant at, Runnable work) {}

  /** Who writes in, and about what. */
  private record Customer(String first, String last, String language) {}

  private record Topic(String category, String subject, String message) {}

  private static final List<Customer> CUSTOMERS =
      List.of(
          new Customer("Olivia", "Brown", "en"),
          new Customer("James", "Wilson", "en"),
          new Customer("Amelia", "Clarke", "en"),
          new Customer("Noah", "Patel", "en"),
          new Customer("Grace", "Murphy", "en"),
          new Customer("Ethan", "Walker", "en"),
          new Customer("Sophie", "Taylor", "en"),
          new Customer("Liam", "O'Connor", "en"),
          new Customer("Lena", "Schmidt", "de"),
          new Customer("Jonas", "Weber", "de"),
          new Customer("Mia", "Becker", "de"),
          new Customer("Felix", "Wagner", "de"),
          new Customer("Camille", "Martin", "fr"),
          new Customer("Lucas", "Bernard", "fr"),
          new Customer("Chloé", "Dubois", "fr"),
          new Customer("Lucía", "García", "es"),
          new Customer("Mateo", "Fernández", "es"),
          new Customer("Sanne", "de Vries", "nl"),
          new Customer("Daan", "Jansen", "nl"),
          new Customer("Giulia", "Rossi", "it"));

  private static final List<Topic> TOPICS =
      List.of(
          new Topic(
              "refund",
              "Refund for a damaged kettle",
              "The kettle I ordered arrived with a cracked lid. I would like my money back."),
          new Topic(
              "return",
              "Returning a jacket that does not fit",
              "The jacket is too small. How do I send it back?"),
          new Topic(
              "exchange", "Exchange for a different size", "Can I swap these shoes for a size 42?"),
          new Topic(
              "billing",
              "Charged twice for one order",
              "My card statement shows the same order twice. Please check."),
          new Topic(
              "charge_dispute",
              "Unknown charge on my card",
              "There is a charge from you that I do not recognise."),
          new Topic(
              "invoice",
              "Invoice with the wrong address",
              "The invoice shows my old address; I need a corrected one for my employer."),
          new Topic(
              "complaint",
              "Courier was rude at the door",
              "The courier threw the parcel at my door and shouted at my son. This is not okay."),
          new Topic(
              "complaint",
              "Third missed delivery this month",
              "Nobody came again although I stayed home all day. I am fed up."),
          new Topic(
              "technical",
              "App crashes when I open my orders",
              "Since the last update the app closes as soon as I tap on Orders."),
          new Topic(
              "bug",
              "Discount code not applied",
              "The code WELCOME10 is accepted but the total does not change."),
          new Topic(
              "how_to",
              "How do I connect the smart plug?",
              "The plug blinks blue but the app does not find it."),
          new Topic(
              "general_inquiry",
              "Opening hours over the holidays",
              "Are you open between Christmas and New Year?"),
          new Topic(
              "order_status",
              "Where is my order?",
              "I ordered a week ago and the tracking has not moved since Monday."),
          new Topic(
              "account", "Cannot log in to my account", "The password reset e-mail never arrives."),
          new Topic(
              "product_question",
              "Is the blender dishwasher safe?",
              "Before I buy: can the jug go in the dishwasher?"),
          new Topic(
              "sales_inquiry",
              "Quote for 40 office chairs",
              "We are furnishing a new office and need 40 chairs. Do you offer business prices?"),
          new Topic(
              "upgrade",
              "Upgrade to the family plan",
              "I would like to add my partner and kids to my subscription."),
          new Topic(
              "renewal",
              "Renewal price went up",
              "My renewal is 30% more expensive than last year. Why?"),
          new Topic(
              "outage",
              "Service down since this morning",
              "Nothing loads since 8 o'clock; is there an outage?"),
          new Topic(
              "supervisor_request",
              "I want to speak to a manager",
              "I have explained this three times now. Please put me through to someone in charge."),
          new Topic(
              "post_purchase_check",
              "Checking in after your purchase",
              "Thanks for your call last week, the new router works fine so far."),
          new Topic(
              "feedback",
              "Great help from your team",
              "Just wanted to say that Maria on the phone was really helpful."),
          new Topic(
              "service_issue",
              "Technician did not show up",
              "The appointment was between 8 and 12; nobody came and nobody called."));

  private static final List<Channel> CHANNELS =
      List.of(
          Channel.EMAIL,
          Channel.EMAIL,
          Channel.EMAIL,
          Channel.CHAT,
          Channel.CHAT,
          Channel.PHONE,
          Channel.PHONE,
          Channel.SOCIAL,
          Channel.SMS,
          Channel.LETTER,
          Channel.VIDEO,
          Channel.IN_PERSON);

  /** Seeds the random source of each case's run walk, with the case's number added. */
  private static final long WALKS = 20_261_207L;

  /**
   * The story of demo case {@code i}: where it ends up decides what happens before. Its run is
   * walked ({@link DemoRuns}, with {@code walking}) to the end when the case is resolved or closed,
   * part of the way for about half of the cases still being worked on.
   */
  private List<Step> story(int i, Random random, Random walking, Instant now) {
    Customer who = CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
    Topic topic = TOPICS.get(random.nextInt(TOPICS.size()));
    Channel channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
    boolean vip = random.nextInt(100) < 15;
    Priority priority = priority(random.nextInt(100));
    String agent = AGENTS.get(random.nextInt(AGENTS.size()));
    String team = TEAMS.get(random.nextInt(TEAMS.size()));
    int roll = random.nextInt(100);
    CaseStatus end =
        roll < 25
            ? CaseStatus.NEW
            : roll < 50
                ? CaseStatus.OPEN
                : roll < 62
                    ? CaseStatus.WAITING_ON_CUSTOMER
                    : roll < 67
                        ? CaseStatus.WAITING_ON_THIRD_PARTY
                        : roll < 85 ? CaseStatus.RESOLVED : CaseStatus.CLOSED;
    Duration age =
        switch (end) {
          // fresh ones, some near and some past their first response
          case NEW -> minutes(random, 5, 10 * 60);
          case OPEN, WAITING_ON_THIRD_PARTY -> minutes(random, 60, 3 * 24 * 60);
          case WAITING_ON_CUSTOMER -> minutes(random, 24 * 60, 5 * 24 * 60);
          case RESOLVED -> minutes(random, 24 * 60, 6 * 24 * 60);
          case CLOSED -> minutes(random, 9 * 24 * 60, 20 * 24 * 60);
        };
    Instant opened = now.minus(age);
    String[] id = new String[1];
    List<Step> steps = new ArrayList<>();
    String email =
        Normalizer.normalize(who.first() + "." + who.last(), Normalizer.Form.NFD)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z.]", "")
            + "+"
            + i
            + "@example.com";
    steps.add(
        new Step(
            opened,
            () ->
                id[0] =
                    idOf(
                        cases.open(
                            new NewCase(
                                channel,
                                topic.category(),
                                topic.subject(),
                                topic.message(),
                                priority,
                                who.first(),
                                who.last(),
                                Optional.of(email),
                                Optional.of(phone(i)),
                                Optional.of(who.language()),
                                Optional.of(vip ? "vip" : "standard")),
                            INTAKE,
                            Optional.empty()))));
    if (end == CaseStatus.NEW) {
      return steps;
    }
    Instant assigned = opened.plus(minutes(random, 2, 40));
    Instant answered = assigned.plus(minutes(random, 5, 90));
    steps.add(
        new Step(
            assigned,
            () ->
                change(
                    id[0],
                    agent,
                    c -> c.assign(Optional.of(agent), Optional.of(team), agent, assigned))));
    steps.add(
        new Step(
            answered,
            () ->
                change(
                    id[0],
                    agent,
                    c ->
                        c.addInteraction(
                            new Interaction(
                                Interaction.Kind.OUTBOUND_MESSAGE,
                                channel,
                                agent,
                                "Hello "
                                    + who.first()
                                    + ", thank you for getting in touch. I am looking into it now"
                                    + " and will get back to you shortly.",
                                Interaction.Visibility.PUBLIC,
                                answered)))));
    // the agent's reply opened the case (a public reply moves a new case to open)
    if (i % SUGGESTING == 3) {
      Instant suggested = answered.plus(Duration.ofMinutes(2));
      String text = SUGGESTIONS.get(i / SUGGESTING % SUGGESTIONS.size());
      steps.add(new Step(suggested, () -> suggest(id[0], agent, text)));
    }
    Instant later = answered.plus(minutes(random, 30, 12 * 60));
    DemoValues.Customer customer =
        new DemoValues.Customer(who.first(), who.last(), email, phone(i), who.language());
    Instant walked = answered.plus(Duration.ofMinutes(3));
    Instant until = later.isBefore(now) ? later : now;
    boolean done = end == CaseStatus.RESOLVED || end == CaseStatus.CLOSED;
    if (done || walking.nextBoolean()) {
      DemoRuns.Reach reach = done ? DemoRuns.Reach.TO_THE_END : DemoRuns.Reach.PART_WAY;
      steps.add(
          new Step(
              walked,
              () ->
                  walks.walk(
                      new DemoRuns.Walk(id[0], agent, customer, walked, until), reach, walking)));
    }
    switch (end) {
      case OPEN -> {
        if (random.nextBoolean() && later.isBefore(now)) {
          // the customer wrote again and waits for the next answer
          steps.add(
              new Step(
                  later,
                  () ->
                      change(
                          id[0],
                          INTAKE,
                          c ->
                              c.addInteraction(
                                  new Interaction(
                                      Interaction.Kind.INBOUND_MESSAGE,
                                      channel,
                                      c.customer().id(),
                                      "Any news? I am still waiting.",
                                      Interaction.Visibility.PUBLIC,
                                      later)))));
        }
      }
      case WAITING_ON_CUSTOMER ->
          steps.add(status(id, agent, later, end, "asked the customer for the order number"));
      case WAITING_ON_THIRD_PARTY ->
          steps.add(status(id, agent, later, end, "waiting for the courier's report"));
      case RESOLVED -> steps.add(status(id, agent, later, end, "solved with the customer"));
      case CLOSED -> {
        steps.add(status(id, agent, later, CaseStatus.RESOLVED, "solved with the customer"));
        steps.add(status(id, agent, later.plus(Duration.ofDays(7)), end, "no reply for 7 days"));
      }
      case NEW -> throw new IllegalStateException("a new case has no later steps");
    }
    return steps.stream().filter(s -> !s.at().isAfter(now)).toList();
  }

  /** Every how many cases an agent suggests something about the step the run is on. */
  private static final int SUGGESTING = 9;

  private static final List<String> SUGGESTIONS =
      List.of(
          "This script sounds robotic; customers answer better when we use their own words.",
          "Most customers do not know their order number by heart; offer to look it up by"
              + " e-mail address instead.",
          "The step should say what to do when the customer has already tried this.",
          "Apologise before asking for details; angry customers read the questions as"
              + " stalling.",
          "The script is too formal for chat and social media; a shorter version would help.");

  /** The agent suggests {@code text} about the step the case's run is on, if it has one. */
  private void suggest(String caseId, String agent, String text) {
    cases
        .find(caseId)
        .flatMap(stored -> runs.latest(stored.kase(), agent))
        .ifPresent(
            run ->
                run.currentStep()
                    .ifPresent(step -> suggestions.suggest(run.id(), step.id(), text, agent)));
  }

  private static String idOf(Cases.Opening opening) {
    return switch (opening) {
      case Cases.Opening.Opened opened -> opened.body().get("id").asString();
      case Cases.Opening.KeyReused reused ->
          throw new IllegalStateException("demo cases use no idempotency keys");
    };
  }

  /** The demo customer's phone number: a fictional Berlin number of their own. */
  private static String phone(int i) {
    return String.format("+49 30 5550%04d", i);
  }

  /**
   * The agent sets the status, unless the case has it already (the run's last step resolved it).
   */
  private Step status(String[] id, String agent, Instant at, CaseStatus to, String reason) {
    return new Step(
        at,
        () ->
            cases
                .find(id[0])
                .filter(stored -> stored.kase().status() != to)
                .ifPresent(
                    stored -> change(id[0], agent, c -> c.changeStatus(to, at, agent, reason))));
  }

  private void change(String id, String actor, Function<Case, Case.Change> how) {
    cases.changeBySystem(id, actor, how);
  }

  private static Priority priority(int roll) {
    return roll < 20
        ? Priority.LOW
        : roll < 75 ? Priority.NORMAL : roll < 95 ? Priority.HIGH : Priority.URGENT;
  }

  private static Duration minutes(Random random, int from, int to) {
    return Duration.ofMinutes(from + random.nextInt(to - from));
  }
}
