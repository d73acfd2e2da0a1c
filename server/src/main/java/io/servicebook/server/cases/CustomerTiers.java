package io.servicebook.server.cases;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The customer tiers a case or a customer may carry ({@code servicebook.customer.tiers}, by default
 * {@code standard, vip}); the first is a new customer's when a case names none. Protocols branch on
 * them ({@code customer.tier == "vip"}), so an unknown tier is refused rather than stored.
 */
@ConfigurationProperties("servicebook.customer")
record CustomerTiers(List<String> tiers) {

  CustomerTiers {
    tiers =
        tiers == null || tiers.isEmpty()
            ? List.of("standard", "vip")
            : tiers.stream()
                .map(t -> t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty())
                .distinct()
                .toList();
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException(
          "servicebook.customer.tiers names no tier; give at least one, such as standard,vip.");
    }
  }

  /** The tier as configured, whatever its case; empty when it is not one of them. */
  Optional<String> find(String tier) {
    String asked = tier.strip().toLowerCase(Locale.ROOT);
    return tiers.stream().filter(asked::equals).findFirst();
  }

  /** A new customer's tier when the case names none. */
  String first() {
    return tiers.getFirst();
  }

  /** Why the tier is refused, with the accepted ones. */
  String refusal(String tier) {
    return "“"
        + tier
        + "” is not a customer tier here; choose one of "
        + String.join(", ", tiers)
        + ".";
  }
}
