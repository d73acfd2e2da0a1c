package io.servicebook.server.console;

import io.servicebook.calendar.BusinessCalendar;
import io.servicebook.calendar.BusinessClock;
import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.diagnostics.Severity;
import io.servicebook.flowchart.Flowcharts;
import io.servicebook.flowchart.Highlight;
import io.servicebook.lint.KnownTargets;
import io.servicebook.lint.Linter;
import io.servicebook.pack.ProtocolPack;
import io.servicebook.protocol.Action;
import io.servicebook.protocol.Branch;
import io.servicebook.protocol.Condition;
import io.servicebook.protocol.Field;
import io.servicebook.protocol.IsoDuration;
import io.servicebook.protocol.Priority;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Script;
import io.servicebook.protocol.Sla;
import io.servicebook.protocol.Step;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.protocols.ProtocolReview;
import io.servicebook.server.protocols.ProtocolReviews;
import io.servicebook.server.protocols.PublishedProtocol;
import io.servicebook.server.teams.Teams;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The protocol pages' views: the list of published protocols with their lint status and review
 * date, and one version of a protocol rendered for reading with its flowchart and findings.
 */
@Component
class ProtocolPages {

  private final ProtocolCatalog catalog;
  private final Guidance guidance;
  private final Clock clock;

  private final Teams teams;

  /**
   * Lint results by model and known targets: the catalog hands out one model per version and pack
   * state; a new team, user or ladder level makes other targets known.
   */
  private final Map<Linted, Lint> lints = new java.util.concurrent.ConcurrentHashMap<>();

  private record Linted(Protocol model, KnownTargets known) {}

  private final ProtocolReviews reviews;

  ProtocolPages(
      ProtocolCatalog catalog,
      ProtocolReviews reviews,
      Guidance guidance,
      Clock clock,
      Teams teams) {
    this.catalog = catalog;
    this.reviews = reviews;
    this.guidance = guidance;
    this.clock = clock;
    this.teams = teams;
  }

  /** What the core linter says about a protocol, as the list and the page show it. */
  record Lint(int errors, int warnings, List<Finding> findings) {

    /** {@code lint-errors}, {@code lint-warnings} or {@code lint-clean}, for the colour. */
    public String css() {
      return errors > 0 ? "lint-errors" : warnings > 0 ? "lint-warnings" : "lint-clean";
    }

    public String state() {
      return errors > 0 ? "errors" : warnings > 0 ? "warnings" : "clean";
    }
  }

  /** One lint finding at its line. */
  record Finding(int line, int column, String severity, String rule, String message, String hint) {}

  /**
   * When a protocol is due for review: its {@code review_every} after publication or the last
   * "reviewed, no change", whichever is later; {@code soon} when overdue or due within two weeks.
   */
  record Review(String dueIso, String dueText, boolean overdue, boolean soon) {}

  /** The latest "reviewed, no change" of the version shown. */
  record Confirmation(String by, String atIso, String atText, String note) {}

  /** A row of the list. */
  record Row(
      String slug,
      String title,
      String owner,
      int version,
      String audience,
      int priority,
      Lint lint,
      Optional<Review> review) {}

  /**
   * The published protocols, by title; {@code dueOnly} keeps those whose review is overdue or due
   * within two weeks.
   */
  List<Row> list(boolean dueOnly) {
    Instant now = clock.instant();
    KnownTargets known = teams.knownTargets();
    Map<String, ProtocolReview> confirmed = reviews.latestOfEach();
    return catalog.latestOfEach().stream()
        .sorted(Comparator.comparing(PublishedProtocol::title))
        .map(
            published -> {
              Protocol model = catalog.model(published);
              Optional<ProtocolReview> last = Optional.ofNullable(confirmed.get(published.slug()));
              return new Row(
                  published.slug(),
                  published.title(),
                  published.owner() == null ? "" : published.owner(),
                  published.version(),
                  published.audience(),
                  published.priority(),
                  linted(model, known),
                  review(reviews.due(published, last), now));
            })
        .filter(row -> !dueOnly || row.review().filter(Review::soon).isPresent())
        .toList();
  }

  /** A step as the page shows it. */
  record StepView(
      String id,
      String title,
      int line,
      boolean skippable,
      Optional<String> guidanceHtml,
      List<ScriptText> scripts,
      List<String> captures,
      List<Decision> decisions,
      List<ActionView> actions,
      Optional<String> next,
      boolean ends) {}

  /** A script's text in one language and channel ({@code *} and {@code default} for any). */
  record ScriptText(String language, String channel, String text) {}

  /** A way out of a decision: {@code kind} is {@code when}, {@code choice} or {@code otherwise}. */
  record Decision(String kind, String label, String target) {}

  /** An action: its key for the message, what it names, and when it applies. */
  record ActionView(String key, String detail, String when) {}

  /** A field with its rules. */
  record FieldView(
      String name,
      String type,
      String label,
      boolean required,
      String pattern,
      List<String> values,
      String range) {}

  /**
   * One SLA target as the pages say it: on a business calendar in business hours ({@code PT24H} is
   * "24 business hours", not "1d"), otherwise as clock time; empty where the SLA sets none.
   *
   * @param target {@code first_response}, {@code next_response} or {@code resolution}
   * @param clock the duration as clock time, for a calendar open around the clock
   * @param dueIso when a case opened now would be due, counted by the calendar's business clock
   * @param dueText that time in the calendar's time zone
   */
  record Target(
      String target,
      boolean present,
      boolean business,
      long hours,
      long minutes,
      String clock,
      String dueIso,
      String dueText) {

    static Target none(String target) {
      return new Target(target, false, false, 0, 0, "", "", "");
    }

    /** The message key that says the duration in business time. */
    public String businessKey() {
      return hours == 0
          ? "sla.business.minutes"
          : minutes == 0 ? "sla.business.hours" : "sla.business.hoursMinutes";
    }
  }

  /** The SLA's targets for one priority, or for every case ({@code key} {@code all}). */
  record Targets(String key, Target firstResponse, Target nextResponse, Target resolution) {

    /** The targets that are set, in the order of the table. */
    public List<Target> set() {
      return java.util.stream.Stream.of(firstResponse, nextResponse, resolution)
          .filter(Target::present)
          .toList();
    }
  }

  /**
   * The SLA as the page shows it.
   *
   * @param business whether its calendar counts business time (a named calendar not open around the
   *     clock)
   * @param zone the calendar's time zone, in which the due times are said
   * @param example the targets a case opened now would get: every case's, else the first priority's
   */
  record SlaView(
      String calendar,
      boolean business,
      String zone,
      List<Targets> targets,
      Optional<Targets> example,
      String pauseWhen,
      int warnAtPercent,
      List<ActionView> onBreach) {}

  /** One version of a protocol for reading. */
  record Page(
      String slug,
      String title,
      String owner,
      int version,
      int latest,
      List<Integer> versions,
      String audience,
      int priority,
      String publishedAt,
      String publishedBy,
      String summary,
      String appliesWhen,
      List<String> channels,
      List<String> languages,
      Optional<SlaView> sla,
      List<FieldView> fields,
      List<StepView> steps,
      String flowchart,
      Lint lint,
      Optional<Review> review,
      Optional<Confirmation> confirmed,
      String file) {}

  /** The protocol's latest version, or the version asked for; empty when there is none. */
  Optional<Page> page(String slug, Optional<Integer> version) {
    Optional<PublishedProtocol> found =
        version.isPresent() ? catalog.version(slug, version.get()) : catalog.latest(slug);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    PublishedProtocol published = found.get();
    Protocol p = catalog.model(published);
    Optional<ProtocolReview> last = reviews.latest(slug);
    List<Integer> versions =
        catalog.versions(slug).stream().sorted(Comparator.reverseOrder()).toList();
    return Optional.of(
        new Page(
            published.slug(),
            published.title(),
            published.owner() == null ? "" : published.owner(),
            published.version(),
            versions.isEmpty() ? published.version() : versions.getFirst(),
            versions,
            published.audience(),
            published.priority(),
            Times.utc(published.publishedAt()),
            published.publishedBy(),
            p.summary().orElse(""),
            p.appliesWhen().map(Condition::expression).orElse(""),
            p.channels().stream().map(c -> c.key()).toList(),
            p.languages(),
            p.sla().map(this::sla),
            p.fields().values().stream().map(ProtocolPages::field).toList(),
            p.steps().stream().map(s -> step(p, s)).toList(),
            flowchart(p, Highlight.NONE),
            linted(p, teams.knownTargets()),
            review(reviews.due(published, last), clock.instant()),
            last.filter(r -> r.version() == published.version()).map(ProtocolPages::confirmation),
            published.sourceFile()));
  }

  /**
   * The flowchart of the protocol version a run is pinned to, as the case page shows it: the run's
   * current step and the steps it went through marked, and both in words.
   *
   * @param path the steps the run has left, in order
   */
  record RunChart(String svg, Optional<String> current, List<String> path) {}

  /** The model of a published protocol version; empty when it is not in the catalog. */
  Optional<Protocol> model(String slug, int version) {
    return catalog.version(slug, version).map(catalog::model);
  }

  /** The run's flowchart; empty when its protocol version is not in the catalog. */
  Optional<RunChart> runChart(
      String slug, int version, Optional<String> current, List<String> path) {
    return catalog
        .version(slug, version)
        .map(catalog::model)
        .map(
            p ->
                new RunChart(
                    flowchart(p, new Highlight(current, path)),
                    current.map(id -> stepTitle(p, id)),
                    path.stream().map(id -> stepTitle(p, id)).toList()));
  }

  private static String stepTitle(Protocol p, String stepId) {
    return p.steps().stream()
        .filter(s -> s.id().equals(stepId))
        .findFirst()
        .map(Step::displayTitle)
        .orElse(stepId);
  }

  private Lint linted(Protocol model, KnownTargets known) {
    if (lints.size() > 1_000) {
      lints.clear(); // models of old versions and pack states; the current ones are linted again
    }
    return lints.computeIfAbsent(new Linted(model, known), l -> lint(l.model(), l.known()));
  }

  /**
   * The core linter on the protocol's model, as {@code servicebook lint} runs it on a pack of this
   * one protocol, with whom its actions name checked against the server's teams, users, roles and
   * ladder.
   */
  static Lint lint(Protocol model, KnownTargets known) {
    return lint(
        Linter.lint(new ProtocolPack(List.of(model), Map.of(), Map.of(), List.of(), 1), known));
  }

  /** Findings as the pages show them. */
  static Lint lint(List<Diagnostic> diagnostics) {
    int errors = (int) diagnostics.stream().filter(Diagnostic::isError).count();
    int warnings = (int) diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
    return new Lint(
        errors,
        warnings,
        diagnostics.stream()
            .map(
                d ->
                    new Finding(
                        d.line(),
                        d.column(),
                        d.severity().label(),
                        d.rule(),
                        d.message(),
                        d.hint()))
            .toList());
  }

  static Optional<Review> review(Optional<Instant> due, Instant now) {
    return due.map(
        d ->
            new Review(
                d.toString(), Times.utc(d), d.isBefore(now), ProtocolReviews.dueSoon(d, now)));
  }

  private static Confirmation confirmation(ProtocolReview r) {
    return new Confirmation(
        r.reviewedBy(), r.reviewedAt().toString(), Times.utc(r.reviewedAt()), r.note().orElse(""));
  }

  /** The standalone SVG without its XML declaration, to sit inside the page. */
  static String inline(String svg) {
    String s = svg.strip();
    if (s.startsWith("<?xml")) {
      s = s.substring(s.indexOf("?>") + 2).strip();
    }
    return s;
  }

  private StepView step(Protocol p, Step s) {
    List<ScriptText> scripts = new ArrayList<>();
    s.script()
        .ifPresent(
            script ->
                script
                    .byLanguage()
                    .forEach(
                        (language, texts) ->
                            texts
                                .values()
                                .forEach(
                                    t ->
                                        scripts.add(
                                            new ScriptText(
                                                language.equals(Script.ANY_LANGUAGE)
                                                    ? "*"
                                                    : language,
                                                t.channel(),
                                                t.template().strip())))));
    List<Decision> decisions =
        s.decide().stream()
            .map(
                b ->
                    switch (b) {
                      case Branch.When w -> new Decision("when", w.when().expression(), w.target());
                      case Branch.Choice c -> new Decision("choice", c.label(), c.target());
                      case Branch.Otherwise o -> new Decision("otherwise", "", o.target());
                    })
            .toList();
    return new StepView(
        s.id(),
        s.displayTitle(),
        s.position().line(),
        s.skippable(),
        s.guidance().filter(g -> !g.isBlank()).map(guidance::html),
        scripts,
        s.capture(),
        decisions,
        s.actions().stream().map(ProtocolPages::action).toList(),
        s.decide().isEmpty() && !s.ends() ? p.followingStep(s) : Optional.empty(),
        s.ends());
  }

  static ActionView action(Action a) {
    String detail =
        switch (a) {
          case Action.Escalate e -> e.to();
          case Action.Compensate c ->
              String.join(
                      " ",
                      c.max().map(m -> "≤ " + plain(m) + " " + c.currency()).orElse(c.currency()),
                      c.approvalAbove()
                          .map(x -> "(approval > " + plain(x) + " " + c.currency() + ")")
                          .orElse(""))
                  .strip();
          case Action.ScheduleFollowUp f ->
              duration(f.after()) + f.channel().map(ch -> " · " + ch.key()).orElse("");
          case Action.SendSurvey v -> v.survey().name();
          case Action.Resolve r -> "";
          case Action.Handoff h -> h.protocol();
          case Action.Reassign r -> r.to();
          case Action.RaisePriority r -> r.to().map(Priority::key).orElse("");
          case Action.Notify n -> n.who();
        };
    return new ActionView(a.key(), detail, a.when().map(Condition::expression).orElse(""));
  }

  /**
   * Whether a calendar of the pack counts business time: every named calendar but one open around
   * the clock. An unknown name counts as business time, as the format reads it.
   */
  boolean countsBusinessTime(String calendar) {
    return catalog.calendar(calendar).map(c -> !c.isAlwaysOpen()).orElse(true);
  }

  /** A protocol's flowchart, its SLA said in business time where its calendar counts it. */
  String flowchart(Protocol p, Highlight highlight) {
    return inline(Flowcharts.svg(p, highlight, this::countsBusinessTime));
  }

  /** The SLA as the pages show it, with the due times of a case opened now. */
  SlaView sla(Sla sla) {
    BusinessCalendar calendar =
        sla.calendar().flatMap(catalog::calendar).orElse(BusinessCalendar.aroundTheClock());
    boolean business = sla.calendar().isPresent() && countsBusinessTime(sla.calendar().get());
    Instant now = clock.instant();
    BusinessClock businessClock = BusinessClock.of(calendar);
    DateTimeFormatter format =
        DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", LocaleContextHolder.getLocale())
            .withZone(calendar.zone());
    List<Targets> targets = new ArrayList<>();
    if (!sla.targets().isEmpty()) {
      targets.add(targets("all", sla.targets(), business, businessClock, now, format));
    }
    for (Priority priority : Priority.values()) {
      if (sla.byPriority().containsKey(priority)) {
        targets.add(
            targets(
                priority.key(), sla.targetsFor(priority), business, businessClock, now, format));
      }
    }
    return new SlaView(
        sla.calendar().orElse(""),
        business,
        calendar.zone().getId(),
        targets,
        targets.stream().findFirst(),
        sla.pauseWhen().map(Condition::expression).orElse(""),
        (int) Math.round(sla.warnAt() * 100),
        sla.onBreach().stream().map(ProtocolPages::action).toList());
  }

  private static Targets targets(
      String key,
      Sla.Targets t,
      boolean business,
      BusinessClock clock,
      Instant now,
      DateTimeFormatter format) {
    return new Targets(
        key,
        target("first_response", t.firstResponse(), business, clock, now, format),
        target("next_response", t.nextResponse(), business, clock, now, format),
        target("resolution", t.resolution(), business, clock, now, format));
  }

  private static Target target(
      String name,
      Optional<Duration> duration,
      boolean business,
      BusinessClock clock,
      Instant now,
      DateTimeFormatter format) {
    if (duration.isEmpty()) {
      return Target.none(name);
    }
    Duration d = duration.get();
    Optional<Instant> due = clock.deadline(now, d, List.of());
    return new Target(
        name,
        true,
        business,
        d.toMinutes() / 60,
        d.toMinutes() % 60,
        duration(d),
        due.map(Instant::toString).orElse(""),
        due.map(format::format).orElse(""));
  }

  private static FieldView field(Field f) {
    String range =
        f.min().isEmpty() && f.max().isEmpty()
            ? ""
            : f.min().map(ProtocolPages::plain).orElse("")
                + " – "
                + f.max().map(ProtocolPages::plain).orElse("");
    return new FieldView(
        f.name(),
        f.type().key(),
        f.label().orElse(""),
        f.required(),
        f.pattern().orElse(""),
        f.values(),
        range.strip());
  }

  /** A duration in days, hours and minutes: {@code 1d 4h}, {@code 30m}. */
  static String duration(Duration d) {
    List<String> parts = new ArrayList<>();
    if (d.toDays() > 0) {
      parts.add(d.toDays() + "d");
    }
    if (d.toHoursPart() > 0) {
      parts.add(d.toHoursPart() + "h");
    }
    if (d.toMinutesPart() > 0) {
      parts.add(d.toMinutesPart() + "m");
    }
    return parts.isEmpty() ? d.getSeconds() + "s" : String.join(" ", parts);
  }

  private static String duration(IsoDuration d) {
    return d.asElapsed().map(ProtocolPages::duration).orElse(d.text());
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }
}
