package io.servicebook.server.cases;

import io.servicebook.cases.Customer;
import io.servicebook.cases.CustomerPreferences;
import io.servicebook.protocol.Channel;
import io.servicebook.server.audit.AuditLog;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer's preferences as agents keep them on the profile (and a CRM through the API): read
 * and checked field by field, stored whole in place of the ones before, audited.
 */
@Service
public class CustomerProfiles {

  /** The longest text each preference takes, by its name. */
  public static final Map<String, Integer> MAX_LENGTH =
      Map.of("language", 35, "best_time", 200, "accessibility", 500, "note", 2000);

  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final CustomerRepository customers;
  private final CustomerPreferencesRepository preferences;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final Clock clock;

  CustomerProfiles(
      CustomerRepository customers,
      CustomerPreferencesRepository preferences,
      AuditLog audit,
      TransactionTemplate transactions,
      Clock clock) {
    this.customers = customers;
    this.preferences = preferences;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** What a change of preferences got: the customer as now, or what is wrong with each field. */
  public sealed interface Change {
    record Saved(Customer customer) implements Change {}

    /** Field name to its problem, in English, in the order of the fields. */
    record Invalid(Map<String, String> problems) implements Change {}

    record NoSuchCustomer() implements Change {}
  }

  public Optional<Customer> find(String id) {
    return customers.find(id);
  }

  /**
   * Replaces the customer's preferences with these: a name left out, {@code null} or blank clears
   * that preference. Nothing is stored when any field is wrong or a name is not a preference.
   */
  public Change change(String customerId, Map<String, ?> asked, String actor) {
    Map<String, String> problems = new LinkedHashMap<>();
    for (String key : asked.keySet()) {
      if (!CustomerPreferences.NAMES.contains(key)) {
        problems.put(
            key,
            "is not a preference; the preferences are "
                + String.join(", ", CustomerPreferences.NAMES)
                + ".");
      }
    }
    Map<String, Optional<String>> texts = new LinkedHashMap<>();
    for (String name : CustomerPreferences.NAMES) {
      Object value = asked.get(name);
      if (value != null && !(value instanceof String)) {
        problems.put(name, "must be text.");
        texts.put(name, Optional.empty());
        continue;
      }
      Optional<String> text =
          Optional.ofNullable((String) value).map(String::strip).filter(t -> !t.isEmpty());
      Integer max = MAX_LENGTH.get(name);
      if (max != null && text.isPresent() && text.get().length() > max) {
        problems.put(
            name, "is too long: " + text.get().length() + " characters, at most " + max + ".");
      }
      texts.put(name, text);
    }
    Optional<Channel> channel = Optional.empty();
    Optional<String> channelText = texts.get("preferred_channel");
    if (channelText.isPresent()) {
      channel =
          Arrays.stream(Channel.values())
              .filter(c -> c.key().equals(channelText.get().toLowerCase(Locale.ROOT)))
              .findFirst();
      if (channel.isEmpty()) {
        problems.put(
            "preferred_channel",
            "“"
                + channelText.get()
                + "” is not a channel; choose one of "
                + Arrays.stream(Channel.values())
                    .map(Channel::key)
                    .collect(Collectors.joining(", "))
                + ".");
      }
    }
    texts
        .get("language")
        .filter(l -> !problems.containsKey("language") && !LANGUAGE.matcher(l).matches())
        .ifPresent(
            l ->
                problems.put(
                    "language", "“" + l + "” is not a language tag; write it like es or pt-BR."));
    if (!problems.isEmpty()) {
      return new Change.Invalid(problems);
    }
    CustomerPreferences after =
        new CustomerPreferences(
            channel,
            texts.get("language"),
            texts.get("best_time"),
            texts.get("accessibility"),
            texts.get("note"));
    return transactions.execute(
        status ->
            customers
                .find(customerId)
                .<Change>map(
                    before -> {
                      preferences.save(customerId, after, actor, clock.instant());
                      audit.append(
                          "customer",
                          customerId,
                          "customer.preferences.changed",
                          actor,
                          null,
                          JSON.writeValueAsString(
                              Map.of(
                                  "before", before.preferences().values(),
                                  "after", after.values())));
                      return new Change.Saved(before.withPreferences(after));
                    })
                .orElseGet(Change.NoSuchCustomer::new));
  }

  /** The preferences as the API and the profile show them. */
  public static Map<String, Object> view(CustomerPreferences p) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("preferred_channel", p.preferredChannel().map(Channel::key).orElse(null));
    view.put("language", p.language().orElse(null));
    view.put("best_time", p.bestTime().orElse(null));
    view.put("accessibility", p.accessibility().orElse(null));
    view.put("note", p.note().orElse(null));
    return view;
  }

  /** The names in the order the profile shows them. */
  public static List<String> names() {
    return CustomerPreferences.NAMES;
  }
}
