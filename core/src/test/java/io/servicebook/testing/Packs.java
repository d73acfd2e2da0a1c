package io.servicebook.testing;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.lint.Linter;
import io.servicebook.pack.PackReader;
import io.servicebook.pack.ProtocolPack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared test fixtures: a clean protocol, its pack's calendars and fragments, and readers. */
public final class Packs {

  public static final String EU_BUSINESS =
      """
      calendar: eu-business
      time_zone: Europe/Berlin
      hours:
        monday: ["09:00-12:30", "13:30-17:30"]
        tuesday: ["09:00-12:30", "13:30-17:30"]
        wednesday: ["09:00-12:30", "13:30-17:30"]
        thursday: ["09:00-12:30", "13:30-17:30"]
        friday: ["09:00-12:30", "13:30-17:30"]
        saturday: []
        sunday: []
      holidays: [2026-12-25, 2026-12-26]
      """;

  public static final String ALWAYS_OPEN =
      """
      calendar: always-open
      time_zone: UTC
      hours:
        monday: ["00:00-24:00"]
        tuesday: ["00:00-24:00"]
        wednesday: ["00:00-24:00"]
        thursday: ["00:00-24:00"]
        friday: ["00:00-24:00"]
        saturday: ["00:00-24:00"]
        sunday: ["00:00-24:00"]
      """;

  public static final String GREETING =
      """
      fragment: greeting
      title: Greet the customer
      guidance: Use their name.
      script:
        en: "Hello {{customer.first_name | default: \\"there\\"}}!"
        es: "¡Hola {{customer.first_name | default: \\"\\"}}!"
      """;

  /** A protocol that passes every check; tests change one thing in it and expect one finding. */
  public static final String CLEAN =
      """
      protocol: return-and-refund
      title: Return and refund
      owner: support-operations
      audience: public
      review_every: P6M
      applies_when: case.category in ["return", "refund"]
      priority: 50
      channels: [email, chat]
      languages: [en, es]
      sla:
        calendar: eu-business
        first_response: PT2H
        resolution: PT24H
        pause_when: 'case.status == "waiting_on_customer"'
        warn_at: 0.75
        on_breach: [{escalate: team-lead}]
      fields:
        order_number: {type: string, pattern: '^[A-Z0-9-]{6,20}$', required: true}
        purchase_date: {type: date, required: true}
        reason: {type: enum, values: [damaged, late, changed_mind]}
      steps:
        - id: greet
          include: greeting
        - id: gather
          title: Gather the purchase details
          capture: [order_number, purchase_date, reason]
          script:
            en: "Could you share your order number, {{customer.first_name | default: \\"there\\"}}?"
            es: "¿Podría darme su número de pedido?"
        - id: eligibility
          title: Check the return window
          guidance: Thirty days from purchase.
          decide:
            - when: days_since(fields.purchase_date) <= 30
              goto: label
            - otherwise: decline
        - id: label
          title: Send the return label
          action: {compensate: {max: 100, currency: EUR, approval_above: 50}}
          next: close
        - id: decline
          title: Explain the return window
          skippable: true
          guidance: Be kind; offer store credit.
          action: {escalate: {to: supervisor, when: 'customer.tier == "vip"'}}
          next: close
        - id: close
          title: Close the case
          script: {en: "Thanks!", es: "¡Gracias!"}
          action: {resolve: true}
      follow_up: {after: P2D, channel: email, script: {en: "Did your refund arrive?"}}
      feedback: {survey: csat, send: on_resolve}
      benchmarks: {csat_avg: ">= 4.5", first_response_p90: "<= PT1H", resolution_rate: ">= 0.9"}
      """;

  private Packs() {}

  /** Reads protocols (file name → text) with the fixture calendars and fragment. */
  public static ProtocolPack pack(Map<String, String> protocols) {
    Map<String, String> calendars = new LinkedHashMap<>();
    calendars.put("calendars/eu-business.yaml", EU_BUSINESS);
    calendars.put("calendars/always-open.yaml", ALWAYS_OPEN);
    return PackReader.fromSources(
        protocols, calendars, Map.of("fragments/greeting.yaml", GREETING));
  }

  /** Reading problems and lint findings of one protocol file named {@code p.yaml}. */
  public static List<Diagnostic> lint(String protocol) {
    return Linter.lint(pack(Map.of("p.yaml", protocol)));
  }

  /**
   * The fixture protocol with {@code from} replaced by {@code to}; fails if {@code from} is absent.
   */
  public static String cleanWith(String from, String to) {
    if (!CLEAN.contains(from)) {
      throw new IllegalArgumentException("the clean fixture has no `" + from + "`");
    }
    return CLEAN.replace(from, to);
  }
}
