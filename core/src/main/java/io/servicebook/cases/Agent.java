package io.servicebook.cases;

import java.util.Objects;
import java.util.Optional;

/**
 * The employee working a case, as scripts ({@code agent.*}) and conditions see them.
 *
 * @param role such as {@code agent}, {@code team-lead} or {@code supervisor}
 */
public record Agent(
    String id,
    String firstName,
    String lastName,
    Optional<String> email,
    String team,
    String role,
    String language) {

  public Agent {
    Customer.requireText(id, "id");
    Customer.requireText(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(email, "email");
    Customer.requireText(team, "team");
    Customer.requireText(role, "role");
    Customer.requireText(language, "language");
  }

  public String name() {
    return (firstName + " " + lastName).strip();
  }
}
