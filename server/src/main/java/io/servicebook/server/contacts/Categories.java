package io.servicebook.server.contacts;

import io.servicebook.protocol.Audience;
import io.servicebook.protocol.Protocol;
import io.servicebook.server.protocols.ProtocolCatalog;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The categories a new case may be given: those the published protocols' {@code applies_when}
 * compare {@code case.category} with, so a case given one of them is matched by its protocol.
 */
@Component
public class Categories {

  private static final String CATEGORY = "case.category";

  private final ProtocolCatalog catalog;

  Categories(ProtocolCatalog catalog) {
    this.catalog = catalog;
  }

  /** Every published protocol's categories, sorted: what an agent may choose from. */
  public List<String> published() {
    return of(p -> true);
  }

  /**
   * The categories of the protocols written for customers ({@code audience: public}), sorted: what
   * the help centre's contact form offers, so an internal protocol's categories stay internal.
   */
  public List<String> offeredToCustomers() {
    return of(p -> p.audience() == Audience.PUBLIC);
  }

  private List<String> of(Predicate<Protocol> which) {
    TreeSet<String> categories = new TreeSet<>();
    catalog.latestOfEach().stream()
        .map(catalog::model)
        .filter(which)
        .flatMap(p -> p.appliesWhen().stream())
        .map(c -> c.compiled().comparedLiterals().get(CATEGORY))
        .filter(Objects::nonNull)
        .flatMap(values -> values.stream())
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .filter(s -> !s.isBlank())
        .forEach(categories::add);
    return List.copyOf(categories);
  }
}
