package io.servicebook.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.cases.CaseFacts;
import io.servicebook.cases.CaseFixtures;
import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.pack.ProtocolPack;
import io.servicebook.protocol.Protocol;
import io.servicebook.testing.Packs;
import java.time.Instant;
import java.util.Map;

/** Protocols and a started run for the run tests. */
final class RunFixtures {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** One step capturing a field of every type, then a choice, then two ends. */
  static final String EVERY_FIELD =
      """
      protocol: every-field
      title: Every field
      languages: [en]
      fields:
        ref: {type: string, pattern: '^[A-Z]{3}-[0-9]{3}$', required: true}
        notes: {type: text, min: 5, max: 20}
        weight: {type: number, min: 0, max: 50}
        items: {type: integer, min: 1, max: 10}
        gift: {type: boolean}
        bought_on: {type: date}
        called_at: {type: datetime}
        contact: {type: email}
        mobile: {type: phone}
        refund: {type: money, min: 0, max: 100}
        reason: {type: enum, values: [damaged, late]}
      steps:
        - id: capture
          capture: [ref, notes, weight, items, gift, bought_on, called_at, contact, mobile, refund, reason]
          action:
            - notify: {who: team-lead, when: 'fields.refund > 50.0'}
            - follow_up: P1D
        - id: pick
          decide:
            - choice: Refund
              goto: refund
            - choice: Replace
              goto: replace
        - id: refund
          action: {resolve: true}
        - id: replace
          script: "We will send a new one."
          next: refund
      """;

  private RunFixtures() {}

  static Protocol protocol(String yaml) {
    ProtocolPack pack = Packs.pack(Map.of("p.yaml", yaml));
    assertThat(pack.diagnostics().stream().filter(Diagnostic::isError)).isEmpty();
    return pack.protocols().get(0);
  }

  static Protocol refundProtocol() {
    return protocol(Packs.CLEAN);
  }

  static ProtocolPack refundPack() {
    return Packs.pack(Map.of("p.yaml", Packs.CLEAN));
  }

  static CaseFacts facts() {
    return CaseFacts.of(CaseFixtures.aCase(), CaseFixtures.anAgent());
  }

  static Run started(RunEngine engine, Protocol protocol) {
    return engine.start("run-1", "case-1", protocol, 3, "agent-7", T0).run();
  }

  static RunOutcome.Accepted accepted(RunOutcome outcome) {
    assertThat(outcome).isInstanceOf(RunOutcome.Accepted.class);
    return (RunOutcome.Accepted) outcome;
  }

  static RunOutcome.Refused refused(RunOutcome outcome) {
    assertThat(outcome).isInstanceOf(RunOutcome.Refused.class);
    return (RunOutcome.Refused) outcome;
  }
}
