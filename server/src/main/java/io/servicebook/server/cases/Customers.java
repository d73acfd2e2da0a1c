package io.servicebook.server.cases;

import io.servicebook.cases.Customer;
import io.servicebook.cases.CustomerPreferences;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The customers cases are opened for: found by the agent's pick, by address or by phone, kept up to
 * date with what each new case says about them; and looked up by other features (an agent finding
 * the caller before opening a case for them).
 */
@Service
public class Customers {

  private final CustomerRepository repository;
  private final CustomerTiers tiers;

  Customers(CustomerRepository repository, CustomerTiers tiers) {
    this.repository = repository;
    this.tiers = tiers;
  }

  /**
   * Customers whose name or address contains the text (without case), or whose phone contains its
   * digits (three at least), by name; at most {@code limit}.
   */
  public List<Customer> search(String text, int limit) {
    return repository.search(Optional.of(text.strip()), limit);
  }

  public Optional<Customer> find(String id) {
    return repository.find(id);
  }

  /**
   * The known customer with this e-mail address (compared without case), if any: a channel adapter
   * asks before it names a language, so a known customer keeps theirs.
   */
  public Optional<Customer> byEmail(String email) {
    return repository.byEmail(email);
  }

  /**
   * The customer writing in, stored: the one an agent picked, else the known one with the same
   * e-mail address (compared without case), else one with the same phone and no other address; with
   * the contact details of this message and, when the request names them, its language and tier;
   * else a new customer (language {@code en} and the first configured tier unless named). In the
   * caller's transaction.
   *
   * @throws EmailTaken if the picked customer is given an address another customer has
   */
  Customer forCase(NewCase request, Instant now) {
    Optional<Customer> known = known(request);
    Customer customer =
        new Customer(
            known.map(Customer::id).orElseGet(() -> UUID.randomUUID().toString()),
            request.firstName(),
            request.lastName(),
            request.email().or(() -> known.flatMap(Customer::email)),
            request.phone().or(() -> known.flatMap(Customer::phone)),
            request.language().or(() -> known.map(Customer::language)).orElse("en"),
            request.tier().or(() -> known.map(Customer::tier)).orElse(tiers.first()),
            known.map(Customer::lifetimeValue).orElse(BigDecimal.ZERO),
            known.map(Customer::preferences).orElse(CustomerPreferences.NONE));
    if (known.isEmpty()) {
      repository.insert(customer, now);
    } else if (!known.get().equals(customer)) {
      repository.update(customer, now);
    }
    return customer;
  }

  private Optional<Customer> known(NewCase request) {
    Optional<Customer> byEmail = request.email().flatMap(repository::byEmail);
    if (request.customerId().isPresent()) {
      if (byEmail.isPresent() && !byEmail.map(Customer::id).equals(request.customerId())) {
        throw new EmailTaken(request.email().orElseThrow());
      }
      return request.customerId().flatMap(repository::find);
    }
    return byEmail.or(
        () ->
            request
                .phone()
                .flatMap(repository::byPhone)
                // a caller known by phone who gives an address now is the same person; one known
                // with another address is not
                .filter(c -> request.email().isEmpty() || c.email().isEmpty()));
  }

  /** The address given for a customer belongs to another customer. */
  public static final class EmailTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EmailTaken(String email) {
      super("The address " + email + " belongs to another customer; pick that customer instead.");
    }
  }
}
