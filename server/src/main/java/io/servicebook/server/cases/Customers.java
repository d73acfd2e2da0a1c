package io.servicebook.server.cases;

import io.servicebook.cases.Customer;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The customers other features look up: an agent finding the caller by name, address or phone
 * before opening a case for them.
 */
@Service
public class Customers {

  private final CustomerRepository repository;

  Customers(CustomerRepository repository) {
    this.repository = repository;
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
}
