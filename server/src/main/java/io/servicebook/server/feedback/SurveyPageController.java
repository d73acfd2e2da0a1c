package io.servicebook.server.feedback;

import io.servicebook.feedback.Scale;
import io.servicebook.feedback.Survey;
import io.servicebook.feedback.SurveyStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The survey page customers open from the invitation, without logging in: {@code /s/{token}} asks
 * for the score (and a comment), then thanks them; a used or expired link says so; and the customer
 * can opt out of surveys. The page speaks the case's customer's language, not the browser's. An
 * unknown token answers 404.
 */
@Controller
class SurveyPageController {

  private final Surveys surveys;

  SurveyPageController(Surveys surveys) {
    this.surveys = surveys;
  }

  @GetMapping("/s/{token}")
  String show(
      @PathVariable String token,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    return surveys
        .page(token)
        .map(page -> render(page, state(page), Optional.empty(), model, request))
        .orElseGet(() -> missing(response));
  }

  @PostMapping("/s/{token}")
  String answer(
      @PathVariable String token,
      @RequestParam Optional<String> score,
      @RequestParam Optional<String> comment,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    model.addAttribute("comment", comment.orElse(""));
    Optional<Integer> number = score.flatMap(SurveyPageController::number);
    if (number.isEmpty()) {
      return surveys
          .page(token)
          .map(
              page -> {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return render(
                    page, state(page), Optional.of("survey.error.choose"), model, request);
              })
          .orElseGet(() -> missing(response));
    }
    Optional<Survey.Answering> answering = surveys.answer(token, number.get(), comment);
    if (answering.isEmpty()) {
      return missing(response);
    }
    return switch (answering.get()) {
      case Survey.Answering.Answered a -> "redirect:/s/" + token + "/thanks";
      case Survey.Answering.Closed c -> "redirect:/s/" + token;
      case Survey.Answering.Invalid i -> {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        Surveys.Page page = surveys.page(token).orElseThrow();
        yield render(page, state(page), Optional.of("survey.error." + i.field()), model, request);
      }
    };
  }

  @GetMapping("/s/{token}/thanks")
  String thanks(
      @PathVariable String token,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    return shownWhile(
        token, p -> p.status() == SurveyStatus.ANSWERED, "thanks", model, request, response);
  }

  @PostMapping("/s/{token}/opt-out")
  String optOut(@PathVariable String token, HttpServletResponse response) {
    return surveys
        .optOut(token)
        .map(s -> "redirect:/s/" + token + "/unsubscribed")
        .orElseGet(() -> missing(response));
  }

  @GetMapping("/s/{token}/unsubscribed")
  String unsubscribed(
      @PathVariable String token,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    return shownWhile(token, Surveys.Page::optedOut, "unsubscribed", model, request, response);
  }

  /**
   * The page in {@code state} while {@code holds} (a thank-you after the answer, say); else back to
   * the survey's own page, which shows where it stands.
   */
  private String shownWhile(
      String token,
      Predicate<Surveys.Page> holds,
      String state,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    return surveys
        .page(token)
        .map(
            page ->
                holds.test(page)
                    ? render(page, state, Optional.empty(), model, request)
                    : "redirect:/s/" + token)
        .orElseGet(() -> missing(response));
  }

  /** Which part of the page the survey's status shows. */
  private static String state(Surveys.Page page) {
    return switch (page.status()) {
      case SENT -> "open";
      case ANSWERED -> "answered";
      case EXPIRED -> "expired";
      case OPTED_OUT -> "unsubscribed";
    };
  }

  private String render(
      Surveys.Page page,
      String state,
      Optional<String> error,
      Model model,
      HttpServletRequest request) {
    Locale locale = Locale.forLanguageTag(page.kase().language());
    // the customer's language, whatever the browser asks for: the locale resolver reads this first
    request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
    Survey survey = page.stored().survey();
    Scale scale = survey.scale();
    model.addAttribute("token", survey.token());
    model.addAttribute("state", state);
    model.addAttribute("kind", Scale.key(survey.kind()));
    model.addAttribute("scores", scale.scores());
    model.addAttribute("min", scale.min());
    model.addAttribute("max", scale.max());
    model.addAttribute("subject", page.kase().subject());
    model.addAttribute("firstName", page.kase().customer().firstName());
    model.addAttribute("response", page.response().orElse(null));
    model.addAttribute("optedOut", page.optedOut());
    model.addAttribute(
        "expiresOn",
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
            .withLocale(locale)
            .format(survey.expiresAt().atZone(ZoneOffset.UTC)));
    model.addAttribute("error", error.orElse(null));
    return "survey";
  }

  private static String missing(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    return "survey-missing";
  }

  private static Optional<Integer> number(String text) {
    try {
      return Optional.of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
