package io.servicebook.server.customers;

import io.servicebook.cases.Case;
import io.servicebook.cases.Customer;
import io.servicebook.cases.CustomerPreferences;
import io.servicebook.compensation.Money;
import io.servicebook.protocol.Channel;
import io.servicebook.server.cases.CaseSurveys;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.CustomerProfiles;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.compensation.Compensations;
import io.servicebook.server.web.ConsolePage;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer's profile at {@code /customers/{id}}: who they are, their cases with the surveys and
 * compensation on each across time, what they are worth, and the preferences agents keep for them
 * (which protocols read as {@code customer.preferences.*}).
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')")
class CustomerPageController {

  /** The most cases the profile lists, newest first. */
  static final int CASES_SHOWN = 100;

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final CustomerProfiles profiles;
  private final Cases cases;
  private final CaseSurveys surveys;
  private final Compensations compensations;

  CustomerPageController(
      CustomerProfiles profiles, Cases cases, CaseSurveys surveys, Compensations compensations) {
    this.profiles = profiles;
    this.cases = cases;
    this.surveys = surveys;
    this.compensations = compensations;
  }

  /** A survey on a case: its kind and where it stands. */
  record SurveyLine(String kind, String status, String sentOn) {}

  /** A compensation on a case: the amount and its decision. */
  record CompensationLine(String amount, String status) {}

  /** One of the customer's cases as the profile lists it. */
  record CaseLine(
      String id,
      String subject,
      String status,
      String channel,
      String openedOn,
      List<SurveyLine> surveys,
      List<CompensationLine> compensations) {}

  /** The preferences form: the values shown and, after a refusal, the problem of each field. */
  record Form(Map<String, String> values, Map<String, String> errors) {}

  @GetMapping("/customers/{id}")
  String profile(@PathVariable String id, Model model) {
    Customer customer = customer(id);
    return page(customer, new Form(values(customer.preferences()), Map.of()), model);
  }

  @PostMapping("/customers/{id}/preferences")
  String change(
      @PathVariable String id,
      @RequestParam Map<String, String> form,
      Principal me,
      Model model,
      RedirectAttributes flash) {
    Map<String, String> asked = new LinkedHashMap<>();
    for (String name : CustomerPreferences.NAMES) {
      asked.put(name, form.getOrDefault(name, ""));
    }
    return switch (profiles.change(id, asked, me.getName())) {
      case CustomerProfiles.Change.Saved saved -> {
        flash.addFlashAttribute("saved", true);
        yield "redirect:/customers/" + id + "#preferences";
      }
      case CustomerProfiles.Change.Invalid invalid -> {
        Map<String, String> errors = new LinkedHashMap<>();
        invalid.problems().keySet().forEach(f -> errors.put(f, "customers.error." + f));
        model.addAttribute("refused", true);
        yield page(customer(id), new Form(asked, errors), model);
      }
      case CustomerProfiles.Change.NoSuchCustomer none ->
          throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    };
  }

  private Customer customer(String id) {
    return profiles.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private String page(Customer customer, Form form, Model model) {
    Cases.Listing listing =
        cases.list(
            new Cases.Query(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.of(customer.id()),
                Optional.empty(),
                CASES_SHOWN,
                Optional.empty(),
                Optional.empty()));
    Map<String, BigDecimal> granted = new TreeMap<>();
    int answered = 0;
    List<CaseLine> lines = new java.util.ArrayList<>();
    for (StoredCase stored : listing.cases()) {
      Case c = stored.kase();
      List<SurveyLine> caseSurveys =
          surveys.of(c.id()).stream()
              .map(s -> new SurveyLine(s.kind(), s.status(), DAY.format(s.sentAt())))
              .toList();
      answered += (int) caseSurveys.stream().filter(s -> s.status().equals("answered")).count();
      List<Compensations.OnCase> asked = compensations.onCase(c.id());
      asked.stream()
          .filter(a -> a.status().equals("granted"))
          .forEach(a -> granted.merge(a.amount().currency(), a.amount().amount(), BigDecimal::add));
      lines.add(
          new CaseLine(
              c.id(),
              c.subject(),
              c.status().key(),
              c.channel().key(),
              DAY.format(c.createdAt()),
              caseSurveys,
              asked.stream()
                  .map(a -> new CompensationLine(a.amount().toString(), a.status()))
                  .toList()));
    }
    model.addAttribute("customer", customer);
    model.addAttribute("cases", lines);
    model.addAttribute("moreCases", listing.nextCursor().isPresent());
    model.addAttribute("surveysAnswered", answered);
    model.addAttribute(
        "granted",
        granted.entrySet().stream()
            .map(e -> new Money(e.getValue(), e.getKey()).toString())
            .toList());
    model.addAttribute(
        "lifetimeValue",
        customer.lifetimeValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
    model.addAttribute("form", form);
    model.addAttribute("channels", Arrays.stream(Channel.values()).map(Channel::key).toList());
    model.addAttribute("maxLength", CustomerProfiles.MAX_LENGTH);
    return "customer";
  }

  private static Map<String, String> values(CustomerPreferences preferences) {
    Map<String, String> values = new LinkedHashMap<>();
    CustomerProfiles.view(preferences)
        .forEach((name, value) -> values.put(name, value == null ? "" : value.toString()));
    return values;
  }
}
