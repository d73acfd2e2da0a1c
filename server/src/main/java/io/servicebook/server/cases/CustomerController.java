package io.servicebook.server.cases;

import io.servicebook.cases.Customer;
import io.servicebook.server.audit.AuditLog;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customers: found by address or name, shown with their cases, and their tier, lifetime value and
 * language kept up to date by supervisors (or a CRM through the API). A case is matched to its
 * customer by e-mail address when it is opened.
 */
@RestController
@RequestMapping("/api/v1/customers")
class CustomerController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";
  private static final String LEADS = "hasAnyRole('ADMIN', 'SUPERVISOR')";
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final Pattern MONEY = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final CustomerRepository customers;
  private final Cases cases;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final CustomerTiers tiers;
  private final CustomerProfiles profiles;

  CustomerController(
      CustomerRepository customers,
      Cases cases,
      AuditLog audit,
      TransactionTemplate transactions,
      Clock clock,
      CustomerTiers tiers,
      CustomerProfiles profiles) {
    this.profiles = profiles;
    this.customers = customers;
    this.cases = cases;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.tiers = tiers;
  }

  @GetMapping
  @PreAuthorize(WORKERS)
  ResponseEntity<?> search(
      @RequestParam Optional<String> q, @RequestParam Optional<Integer> limit) {
    int size = Math.max(1, Math.min(limit.orElse(50), 200));
    return ResponseEntity.ok(
        Map.of(
            "items",
            customers.search(q.map(String::strip), size).stream()
                .map(CaseViews::customer)
                .toList()));
  }

  @GetMapping("/{id}")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> get(@PathVariable String id) {
    return customers
        .find(id)
        .<ResponseEntity<?>>map(customer -> ResponseEntity.ok(withCases(customer)))
        .orElseGet(() -> notFound(id));
  }

  /** Changes tier, lifetime value, language or phone; the fields left out stay as they are. */
  @PutMapping("/{id}")
  @PreAuthorize(LEADS)
  ResponseEntity<?> update(
      @PathVariable String id, @RequestBody Map<String, Object> body, Authentication who) {
    List<CaseRequests.FieldError> errors = new ArrayList<>();
    Optional<String> asked = text(body, "tier", 50, errors);
    Optional<String> tier = asked.flatMap(tiers::find);
    if (asked.isPresent() && tier.isEmpty()) {
      errors.add(new CaseRequests.FieldError("tier", tiers.refusal(asked.get())));
    }
    Optional<String> language = text(body, "language", 35, errors);
    Optional<String> phone = text(body, "phone", 40, errors);
    language
        .filter(l -> !LANGUAGE.matcher(l).matches())
        .ifPresent(
            l ->
                errors.add(
                    new CaseRequests.FieldError(
                        "language",
                        "“" + l + "” is not a language tag; write it like en or pt-BR.")));
    Optional<BigDecimal> value = Optional.empty();
    if (body.containsKey("lifetime_value")) {
      String text = String.valueOf(body.get("lifetime_value"));
      if (MONEY.matcher(text).matches()) {
        value = Optional.of(new BigDecimal(text));
      } else {
        errors.add(
            new CaseRequests.FieldError(
                "lifetime_value",
                "“" + text + "” is not an amount; write a number of at least 0 like 1250.50."));
      }
    }
    for (String key : body.keySet()) {
      if (!List.of("tier", "language", "phone", "lifetime_value").contains(key)) {
        errors.add(
            new CaseRequests.FieldError(
                key,
                "is not a customer field that can be changed here (tier, lifetime_value,"
                    + " language, phone)."));
      }
    }
    if (!errors.isEmpty()) {
      var reply =
          CaseController.problem(
              HttpStatus.BAD_REQUEST,
              "invalid-customer",
              "The customer change is not valid",
              errors.size() + " field(s) need fixing; nothing was stored.");
      reply
          .getBody()
          .setProperty(
              "errors",
              errors.stream()
                  .map(e -> Map.of("field", e.field(), "message", e.message()))
                  .toList());
      return reply;
    }
    Optional<BigDecimal> lifetimeValue = value;
    return transactions
        .execute(
            status ->
                customers
                    .find(id)
                    .map(
                        before -> {
                          Customer after =
                              new Customer(
                                  before.id(),
                                  before.firstName(),
                                  before.lastName(),
                                  before.email(),
                                  phone.or(before::phone),
                                  language.orElse(before.language()),
                                  tier.orElse(before.tier()),
                                  lifetimeValue.orElse(before.lifetimeValue()));
                          customers.update(after, clock.instant());
                          audit.append(
                              "customer",
                              id,
                              "customer.updated",
                              who.getName(),
                              null,
                              JSON.writeValueAsString(
                                  Map.of(
                                      "before", CaseViews.customer(before),
                                      "after", CaseViews.customer(after))));
                          return after;
                        }))
        .<ResponseEntity<?>>map(customer -> ResponseEntity.ok(withCases(customer)))
        .orElseGet(() -> notFound(id));
  }

  /** The customer's preferences, as protocols read them under customer.preferences. */
  @GetMapping("/{id}/preferences")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> preferences(@PathVariable String id) {
    return customers
        .find(id)
        .<ResponseEntity<?>>map(
            customer -> ResponseEntity.ok(CustomerProfiles.view(customer.preferences())))
        .orElseGet(() -> notFound(id));
  }

  /**
   * Replaces the customer's preferences: a name left out or null clears that preference. Agents
   * keep them too, so every worker may.
   */
  @PutMapping("/{id}/preferences")
  @PreAuthorize(WORKERS)
  ResponseEntity<?> changePreferences(
      @PathVariable String id, @RequestBody Map<String, Object> body, Authentication who) {
    return switch (profiles.change(id, body, who.getName())) {
      case CustomerProfiles.Change.Saved saved ->
          ResponseEntity.ok(CustomerProfiles.view(saved.customer().preferences()));
      case CustomerProfiles.Change.NoSuchCustomer none -> notFound(id);
      case CustomerProfiles.Change.Invalid invalid -> {
        var reply =
            CaseController.problem(
                HttpStatus.BAD_REQUEST,
                "invalid-preferences",
                "The customer's preferences are not valid",
                invalid.problems().size() + " field(s) need fixing; nothing was stored.");
        reply
            .getBody()
            .setProperty(
                "errors",
                invalid.problems().entrySet().stream()
                    .map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
                    .toList());
        yield reply;
      }
    };
  }

  private Map<String, Object> withCases(Customer customer) {
    Map<String, Object> body = new LinkedHashMap<>(CaseViews.customer(customer));
    body.put("preferences", CustomerProfiles.view(customer.preferences()));
    body.put(
        "cases",
        cases
            .list(
                new CaseRepository.Filter(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(customer.id()),
                    Optional.empty(),
                    50,
                    Optional.empty(),
                    Optional.empty()))
            .cases()
            .stream()
            .map(CaseViews::summary)
            .toList());
    return body;
  }

  private static Optional<String> text(
      Map<String, Object> body, String field, int max, List<CaseRequests.FieldError> errors) {
    if (!body.containsKey(field)) {
      return Optional.empty();
    }
    if (!(body.get(field) instanceof String text) || text.isBlank() || text.length() > max) {
      errors.add(
          new CaseRequests.FieldError(field, "must be text of 1 to " + max + " characters."));
      return Optional.empty();
    }
    return Optional.of(text.strip());
  }

  private static ResponseEntity<?> notFound(String id) {
    return CaseController.problem(
        HttpStatus.NOT_FOUND,
        "customer-not-found",
        "Customer not found",
        "There is no customer `" + id + "`.");
  }
}
