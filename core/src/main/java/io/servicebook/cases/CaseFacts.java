package io.servicebook.cases;

import io.servicebook.condition.ConditionInput;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What conditions and scripts know about a case: its own values, its customer's, and the agent's
 * working it (if any), keyed by the names protocols use ({@code case.category}, {@code
 * customer.tier}, {@code agent.team}). {@code earlierCases} is how many cases the customer opened
 * before this one ({@code customer.case_count}), when the caller looked it up.
 */
public record CaseFacts(Case kase, Optional<Agent> agent, OptionalLong earlierCases) {

  public CaseFacts {
    Objects.requireNonNull(kase, "kase");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(earlierCases, "earlierCases");
  }

  public static CaseFacts of(Case kase) {
    return new CaseFacts(kase, Optional.empty(), OptionalLong.empty());
  }

  public static CaseFacts of(Case kase, Agent agent) {
    return new CaseFacts(kase, Optional.of(agent), OptionalLong.empty());
  }

  /** These facts, knowing how many cases the customer opened before this one. */
  public CaseFacts withEarlierCases(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("A count of earlier cases is never negative: " + count);
    }
    return new CaseFacts(kase, agent, OptionalLong.of(count));
  }

  /** The values of {@code case.*}. */
  public Map<String, Object> caseValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("id", kase.id());
    values.put("channel", kase.channel().key());
    values.put("category", kase.category());
    values.put("subject", kase.subject());
    values.put("priority", kase.priority().key());
    values.put("status", kase.status().key());
    values.put("language", kase.language());
    values.put("created_at", kase.createdAt());
    values.put("tags", kase.tags());
    return values;
  }

  /**
   * The values of {@code customer.*}; a customer without a phone has no {@code phone}, one without
   * an email address (a caller who gave none) no {@code email}, and facts that did not look the
   * customer's history up no {@code case_count}. {@code preferences} holds the map of {@code
   * customer.preferences.*}.
   */
  public Map<String, Object> customerValues() {
    Customer customer = kase.customer();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("id", customer.id());
    values.put("first_name", customer.firstName());
    values.put("last_name", customer.lastName());
    values.put("name", customer.name());
    customer.email().ifPresent(email -> values.put("email", email));
    customer.phone().ifPresent(phone -> values.put("phone", phone));
    values.put("language", customer.language());
    values.put("tier", customer.tier());
    values.put("lifetime_value", customer.lifetimeValue());
    values.put("preferences", customer.preferences().values());
    earlierCases.ifPresent(count -> values.put("case_count", count));
    return values;
  }

  /** The values of {@code agent.*}; empty when nobody works the case yet. */
  public Map<String, Object> agentValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    agent.ifPresent(
        a -> {
          values.put("id", a.id());
          values.put("name", a.name());
          values.put("first_name", a.firstName());
          values.put("last_name", a.lastName());
          a.email().ifPresent(email -> values.put("email", email));
          values.put("team", a.team());
          values.put("role", a.role());
          values.put("language", a.language());
        });
    return values;
  }

  /** The input of a condition evaluated at {@code now} with the run's captured fields. */
  public ConditionInput conditionInput(Map<String, Object> fields, Instant now) {
    return new ConditionInput(caseValues(), customerValues(), fields, agentValues(), now);
  }

  /** The values a script renders with, by root: customer, case, agent and fields. */
  public Map<String, Object> scriptValues(Map<String, Object> fields) {
    return Map.of(
        "customer",
        customerValues(),
        "case",
        caseValues(),
        "agent",
        agentValues(),
        "fields",
        Map.copyOf(fields));
  }
}
