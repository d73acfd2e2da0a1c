package io.servicebook.cases;

import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Shared test fixtures for cases: a customer, an agent, and a case with one change applied. */
public final class CaseFixtures {

  public static final Instant OPENED_AT = Instant.parse("2026-03-02T09:00:00Z");

  private CaseFixtures() {}

  public static Customer aCustomer() {
    return new Customer(
        "cust-1",
        "Ana",
        "García",
        Optional.of("ana@example.com"),
        Optional.of("+34600111222"),
        "en",
        "standard",
        new BigDecimal("420.00"));
  }

  public static Customer aCustomer(String language, String tier) {
    Customer c = aCustomer();
    return new Customer(
        c.id(),
        c.firstName(),
        c.lastName(),
        c.email(),
        c.phone(),
        language,
        tier,
        c.lifetimeValue());
  }

  public static Agent anAgent() {
    return new Agent(
        "agent-7", "Sam", "Lee", Optional.of("sam@example.com"), "returns", "agent", "en");
  }

  /** A new email case about a refund. */
  public static Case aCase() {
    return aCase(aCustomer(), Channel.EMAIL, "refund");
  }

  public static Case aCase(Customer customer, Channel channel, String category) {
    return Case.open(
            "case-1",
            customer,
            channel,
            category,
            "Broken kettle",
            Priority.NORMAL,
            "system",
            OPENED_AT)
        .after();
  }
}
