package io.servicebook.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a protocol pack of N realistic protocols (one calendar, one fragment, steps with scripts
 * in two languages, conditions, decisions, actions) to a folder, for lint benchmarks.
 */
final class GeneratedPack {

  private static final String CALENDAR =
      """
      calendar: eu-business
      time_zone: Europe/Berlin
      hours:
        monday: ["09:00-12:30", "13:30-17:30"]
        tuesday: ["09:00-12:30", "13:30-17:30"]
        wednesday: ["09:00-12:30", "13:30-17:30"]
        thursday: ["09:00-12:30", "13:30-17:30"]
        friday: ["09:00-12:30", "13:30-17:30"]
      holidays: [2026-12-25, 2026-12-26, 2027-01-01]
      """;

  private static final String GREETING =
      """
      fragment: greeting
      title: Greet the customer
      guidance: Use their name and introduce yourself.
      script:
        en: "Hello {{customer.first_name | default: \\"there\\"}}, this is {{agent.first_name}}."
        es: "Hola {{customer.first_name | default: \\"\\"}}, le atiende {{agent.first_name}}."
      """;

  private static final String PROTOCOL =
      """
      protocol: generated-NUMBER
      title: Generated protocol NUMBER
      owner: team-NUMBER
      audience: internal
      review_every: P3M
      applies_when: case.category in ["category-NUMBER", "alias-NUMBER"] && customer.tier != "blocked"
      priority: PRIORITY
      channels: [email, chat, phone]
      languages: [en, es]
      sla:
        calendar: eu-business
        first_response: PT2H
        next_response: PT4H
        resolution: PT40H
        by_priority: {urgent: {first_response: PT30M, resolution: PT8H}}
        pause_when: 'case.status == "waiting_on_customer"'
        warn_at: 0.8
        on_breach: [{escalate: team-lead}, {notify: supervisor}]
      fields:
        order_number: {type: string, pattern: '^[A-Z0-9-]{6,20}$', required: true}
        purchase_date: {type: date, required: true}
        amount: {type: money, min: 0, max: 1000}
        reason: {type: enum, values: [damaged, late, wrong_item, changed_mind]}
        notes: {type: text, max: 2000}
      steps:
        - id: greet
          include: greeting
        - id: gather
          title: Gather the details
          guidance: Ask for the order number first.
          capture: [order_number, purchase_date, reason]
          script:
            en: "Could you share your order number, {{customer.first_name | default: \\"there\\"}}?"
            es: "¿Podría darme su número de pedido?"
        - id: check
          title: Check eligibility
          decide:
            - when: days_since(fields.purchase_date) <= 30 && fields.reason != "changed_mind"
              goto: refund
            - when: customer.tier == "vip"
              goto: refund
            - otherwise: explain
        - id: refund
          title: Refund
          capture: [amount, notes]
          script: {en: "We will refund {{fields.amount}} to you.", es: "Le reembolsaremos {{fields.amount}}."}
          action: {compensate: {max: 200, currency: EUR, approval_above: 100}}
          next: close
        - id: explain
          title: Explain the policy
          skippable: true
          guidance: Offer store credit instead.
          script: {en: "I am sorry, the return window has closed.", es: "Lo siento, el plazo ha terminado."}
          action: {escalate: {to: supervisor, when: 'customer.lifetime_value > 5000.0'}}
          next: close
        - id: close
          title: Close
          script: {en: "Thank you, {{customer.first_name | default: \\"\\"}}!", es: "¡Gracias!"}
          action: {resolve: true}
      follow_up: {after: P2D, channel: email, script: {en: "Did it arrive?", es: "¿Llegó?"}}
      feedback: {survey: csat, send: on_resolve}
      benchmarks: {csat_avg: ">= 4.5", first_response_p90: "<= PT1H", resolution_rate: ">= 0.9"}
      """;

  private GeneratedPack() {}

  /** Writes {@code count} protocols spread over {@code priorities} priority levels. */
  static Path write(Path folder, int count, int priorities) {
    try {
      Files.createDirectories(folder.resolve("calendars"));
      Files.createDirectories(folder.resolve("fragments"));
      Files.writeString(folder.resolve("calendars/eu-business.yaml"), CALENDAR);
      Files.writeString(folder.resolve("fragments/greeting.yaml"), GREETING);
      for (int i = 0; i < count; i++) {
        String text =
            PROTOCOL
                .replace("NUMBER", Integer.toString(i))
                .replace("PRIORITY", Integer.toString(10 * (i % priorities)));
        Files.writeString(folder.resolve("generated-" + i + ".yaml"), text);
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
