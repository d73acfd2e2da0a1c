package io.servicebook.server.feedback;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Interaction;
import io.servicebook.feedback.Scale;
import io.servicebook.feedback.Survey;
import io.servicebook.feedback.SurveyStatus;
import io.servicebook.feedback.SurveyTokens;
import io.servicebook.feedback.Surveyor;
import io.servicebook.protocol.Feedback;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.runs.RunEvent;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.cases.CaseSurveys;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.cases.StoredCase.ProtocolRef;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.runs.RunActions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Surveys: sends one when a case on a protocol with {@code feedback: {send: on_resolve}} is
 * resolved or when an agent asks, as an outbound message on the case's timeline with the link;
 * takes the customer's one answer by token; and remembers customers who want no more. Every survey
 * sent, not sent, answered or opted out of is an audit event of its case.
 */
@Service
class Surveys implements CaseSurveys {

  static final String SYSTEM = "system";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SurveyRepository repository;
  private final SurveySettings settings;
  private final Surveyor surveyor;
  private final Cases cases;
  private final ProtocolCatalog catalog;
  private final AuditLog audit;
  private final MessageSource messages;
  private final TransactionTemplate transactions;

  Surveys(
      SurveyRepository repository,
      SurveySettings settings,
      Cases cases,
      ProtocolCatalog catalog,
      AuditLog audit,
      MessageSource messages,
      Clock clock,
      TransactionTemplate transactions) {
    this.repository = repository;
    this.settings = settings;
    this.surveyor = new Surveyor(clock, new SurveyTokens(new SecureRandom()), settings.expiry());
    this.cases = cases;
    this.catalog = catalog;
    this.audit = audit;
    this.messages = messages;
    this.transactions = transactions;
  }

  /** What asking for a survey came to. */
  sealed interface Sending {
    /** The survey went out. */
    record Sent(StoredSurvey survey) implements Sending {}

    /** No survey went out, for this reason; {@code type} is the API's problem type. */
    record NotSent(String type, String reason) implements Sending {}
  }

  /** A survey with its case, as its public page shows it. */
  record Page(
      StoredSurvey stored,
      SurveyStatus status,
      Case kase,
      Optional<SurveyRepository.Response> response,
      boolean optedOut) {}

  @Override
  public List<SurveySummary> of(String caseId) {
    return repository.ofCase(caseId).stream().map(this::summary).toList();
  }

  SurveySummary summary(StoredSurvey stored) {
    Survey s = stored.survey();
    return new SurveySummary(
        Scale.key(s.kind()),
        s.token(),
        settings.link(s.token()),
        surveyor.statusNow(s).key(),
        s.sentAt(),
        s.expiresAt());
  }

  /**
   * Sends the survey the case's protocol asks for on resolution, in the caller's transaction;
   * nothing when its protocol asks for none.
   */
  void afterResolution(StoredCase resolved) {
    Optional<ProtocolRef> ref = resolved.protocol();
    Optional<Feedback> feedback =
        ref.flatMap(p -> catalog.version(p.slug(), p.version()))
            .map(catalog::model)
            .flatMap(Protocol::feedback)
            .filter(f -> f.send() == Feedback.Send.ON_RESOLVE);
    if (feedback.isEmpty()) {
      return;
    }
    send(
        resolved,
        feedback.get().survey(),
        StoredSurvey.Source.ON_RESOLVE,
        SYSTEM,
        ref.get().slug()
            + " version "
            + ref.get().version()
            + " asks for a "
            + feedback.get().survey().name()
            + " survey when the case is resolved");
  }

  /** Sends the survey a step of the case's run asks for, in the caller's transaction. */
  void byStep(RunEvent.SurveyRequested asked, RunActions.RunInfo run, String actor) {
    StoredCase stored =
        cases
            .find(asked.caseId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Run " + run.id() + " outlived its case; this is a bug."));
    send(
        stored,
        asked.survey(),
        StoredSurvey.Source.STEP,
        actor,
        "step `"
            + asked.stepId()
            + "` of "
            + run.protocolSlug()
            + " version "
            + run.protocolVersion()
            + " asks for a "
            + asked.survey().name()
            + " survey");
  }

  /** An agent sends a survey about the case; empty when there is no such case. */
  Optional<Sending> byHand(String caseId, SurveyKind kind, String actor) {
    return transactions.execute(
        tx ->
            cases
                .find(caseId)
                .map(
                    stored ->
                        send(stored, kind, StoredSurvey.Source.BY_HAND, actor, "sent by hand")));
  }

  private Sending send(
      StoredCase stored, SurveyKind kind, StoredSurvey.Source source, String actor, String why) {
    Case kase = stored.kase();
    Optional<Sending.NotSent> refused = refusal(kase, kind);
    if (refused.isPresent()) {
      String reason = refused.get().reason();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("kind", Scale.key(kind));
      details.put("source", source.name().toLowerCase(Locale.ROOT));
      audit.append(
          "case", kase.id(), "survey.not_sent", actor, reason, JSON.writeValueAsString(details));
      return refused.get();
    }
    Survey survey = surveyor.send(kase.id(), kase.customer().id(), kind);
    StoredSurvey saved = new StoredSurvey(survey, source, stored.protocol(), actor, 0);
    repository.insert(saved);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("survey_id", survey.id());
    details.put("kind", Scale.key(kind));
    details.put("source", source.name().toLowerCase(Locale.ROOT));
    details.put("protocol", stored.protocol().orElse(null));
    details.put("expires_at", survey.expiresAt().toString());
    audit.append("case", kase.id(), "survey.sent", actor, why, JSON.writeValueAsString(details));
    String invitation = invitation(kase, survey);
    cases.changeBySystem(
        kase.id(),
        actor,
        c ->
            c.addInteraction(
                new Interaction(
                    Interaction.Kind.AUTOMATED_MESSAGE,
                    c.channel(),
                    actor,
                    invitation,
                    Interaction.Visibility.PUBLIC,
                    survey.sentAt())));
    return new Sending.Sent(saved);
  }

  /** Why no survey of this kind may go out about the case now, if it may not. */
  private Optional<Sending.NotSent> refusal(Case kase, SurveyKind kind) {
    String no = "No " + kind.name() + " survey was sent: ";
    Optional<Instant> optedOut = repository.optedOutAt(kase.customer().id());
    if (optedOut.isPresent()) {
      return Optional.of(
          new Sending.NotSent(
              "customer-opted-out",
              no + "the customer opted out of surveys on " + optedOut.get() + "."));
    }
    if (kase.status() == CaseStatus.CLOSED) {
      return Optional.of(
          new Sending.NotSent(
              "case-closed", no + "the case is closed, and a closed case takes no more messages."));
    }
    return repository.ofCase(kase.id()).stream()
        .map(StoredSurvey::survey)
        .filter(s -> s.kind() == kind && surveyor.statusNow(s) == SurveyStatus.SENT)
        .findFirst()
        .map(
            s ->
                new Sending.NotSent(
                    "survey-open",
                    no
                        + "the case has an open "
                        + kind.name()
                        + " survey already, sent "
                        + s.sentAt()
                        + " and open until "
                        + s.expiresAt()
                        + "."));
  }

  /** The message that invites the customer, in their language. */
  private String invitation(Case kase, Survey survey) {
    return messages.getMessage(
        "survey.invitation." + Scale.key(survey.kind()),
        new Object[] {kase.subject(), settings.link(survey.token())},
        Locale.forLanguageTag(kase.language()));
  }

  /**
   * Takes the customer's answer; empty when no survey has this token. Nothing is stored unless the
   * answer counts.
   */
  Optional<Survey.Answering> answer(String token, int score, Optional<String> comment) {
    if (!SurveyTokens.isWellFormed(token)) {
      return Optional.empty();
    }
    return transactions.execute(
        tx -> repository.byToken(token).map(stored -> answer(stored, score, comment)));
  }

  private Survey.Answering answer(StoredSurvey stored, int score, Optional<String> comment) {
    Survey.Answering answering = surveyor.answer(stored.survey(), score, comment);
    if (!(answering instanceof Survey.Answering.Answered answered)) {
      return answering;
    }
    Survey survey = answered.survey();
    if (!repository.update(survey, stored.version())) {
      // somebody answered or opted out a moment ago
      return new Survey.Answering.Closed(
          repository
              .byToken(survey.token())
              .map(s -> surveyor.statusNow(s.survey()))
              .orElse(SurveyStatus.ANSWERED));
    }
    Instant at = survey.closedAt().orElseThrow();
    repository.insertResponse(survey.id(), answered.score(), answered.comment(), at);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("survey_id", survey.id());
    details.put("kind", Scale.key(survey.kind()));
    details.put("score", answered.score());
    details.put("comment", answered.comment().orElse(null));
    details.put("source", stored.source().name().toLowerCase(Locale.ROOT));
    details.put("protocol", stored.protocol().orElse(null));
    details.put("sent_at", survey.sentAt().toString());
    audit.append(
        "case",
        survey.caseId(),
        "survey.answered",
        customer(survey),
        null,
        JSON.writeValueAsString(details));
    return answered;
  }

  /**
   * The customer of the survey with this token asks for no more surveys: remembered for all their
   * cases, and this survey closes if it was open. Empty when no survey has this token.
   */
  Optional<StoredSurvey> optOut(String token) {
    if (!SurveyTokens.isWellFormed(token)) {
      return Optional.empty();
    }
    return transactions.execute(tx -> repository.byToken(token).map(this::optOut));
  }

  private StoredSurvey optOut(StoredSurvey stored) {
    Survey survey = stored.survey();
    Survey after = surveyor.optOut(survey);
    if (!after.equals(survey)) {
      repository.update(after, stored.version());
    }
    if (repository.optOut(survey.customerId(), survey.id(), surveyor.now())) {
      audit.append(
          "case",
          survey.caseId(),
          "survey.opted_out",
          customer(survey),
          "the customer asked for no more surveys",
          JSON.writeValueAsString(
              Map.of("survey_id", survey.id(), "kind", Scale.key(survey.kind()))));
    }
    return stored;
  }

  /** The survey with this token and its case, as its page shows them; empty when unknown. */
  Optional<Page> page(String token) {
    if (!SurveyTokens.isWellFormed(token)) {
      return Optional.empty();
    }
    return repository
        .byToken(token)
        .flatMap(
            stored ->
                cases
                    .find(stored.survey().caseId())
                    .map(
                        c ->
                            new Page(
                                stored,
                                surveyor.statusNow(stored.survey()),
                                c.kase(),
                                repository.response(stored.survey().id()),
                                repository.optedOutAt(stored.survey().customerId()).isPresent())));
  }

  private static String customer(Survey survey) {
    return "customer:" + survey.customerId();
  }
}
