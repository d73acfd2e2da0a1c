package io.servicebook.server.console;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseStatusTransitions;
import io.servicebook.cases.Customer;
import io.servicebook.cases.Interaction;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.channels.OutboundMessage;
import io.servicebook.sla.SlaClock;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Everything a case page shows but the run panel. */
public record CasePage(
    String id,
    String subject,
    String status,
    String priority,
    String channel,
    String protocol,
    String assignee,
    String team,
    CustomerCard customer,
    List<Clock> clocks,
    List<Entry> timeline,
    List<String> nextStatuses) {

  /** The customer as the agent needs them on the case, with their other cases. */
  public record CustomerCard(
      String id,
      String name,
      String email,
      String phone,
      String tier,
      String language,
      String lifetimeValue,
      List<PastCase> pastCases,
      boolean moreCases) {

    public boolean vip() {
      return "vip".equalsIgnoreCase(tier);
    }
  }

  /** Who called whom on a logged call, and how long it took as minutes and seconds. */
  public record CallLine(String direction, String duration) {
    static CallLine of(Interaction.Call call) {
      long seconds = call.duration().toSeconds();
      return new CallLine(
          call.direction().name().toLowerCase(Locale.ROOT),
          String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60));
    }
  }

  /** Another case of the same customer. */
  public record PastCase(String id, String subject, String status) {}

  /** An SLA clock: its target, state, due time and colour. */
  public record Clock(String target, String state, int cycle, Optional<Instant> due, String css) {
    public String dueIso() {
      return due.map(Instant::toString).orElse("");
    }

    public String dueText() {
      return due.map(Times::utc).orElse("");
    }
  }

  /**
   * One entry of the timeline: a message in or out, a call or a note.
   *
   * @param call a logged call's direction ({@code inbound}, {@code outbound}) and length; empty for
   *     anything else
   */
  public record Entry(
      String kind,
      String author,
      String channel,
      String body,
      Instant at,
      Optional<CallLine> call,
      String mergedFrom,
      Optional<OutboundMessage> delivery) {

    Entry(
        String kind,
        String author,
        String channel,
        String body,
        Instant at,
        Optional<CallLine> call) {
      this(kind, author, channel, body, at, call, "", Optional.empty());
    }

    /** The entry as the timeline shows it: from a merged case, with its outgoing delivery. */
    Entry shown(String fromCase, Optional<OutboundMessage> sent) {
      return new Entry(kind, author, channel, body, at, call, fromCase, sent);
    }

    public boolean merged() {
      return !mergedFrom.isEmpty();
    }

    public String atIso() {
      return at.toString();
    }

    public String atText() {
      return Times.utc(at);
    }
  }

  static CasePage of(
      StoredCase stored,
      List<SlaClock> clocks,
      List<StoredCase> customerCases,
      boolean moreCases,
      Instant now) {
    Case c = stored.kase();
    Customer customer = c.customer();
    String name = customer.firstName() + " " + customer.lastName();
    return new CasePage(
        c.id(),
        c.subject(),
        c.status().key(),
        c.priority().key(),
        c.channel().key(),
        stored.protocol().map(p -> p.slug() + "@" + p.version()).orElse(""),
        c.assignee().orElse(""),
        c.team().orElse(""),
        new CustomerCard(
            customer.id(),
            name,
            customer.email().orElse(""),
            customer.phone().orElse(""),
            customer.tier(),
            customer.language(),
            customer.lifetimeValue().setScale(2, RoundingMode.HALF_UP).toPlainString(),
            customerCases.stream()
                .filter(other -> !other.kase().id().equals(c.id()))
                .map(
                    other ->
                        new PastCase(
                            other.kase().id(), other.kase().subject(), other.kase().status().key()))
                .toList(),
            moreCases),
        clocks.stream()
            .map(
                k ->
                    new Clock(
                        k.target().name().toLowerCase(Locale.ROOT),
                        k.state().name().toLowerCase(Locale.ROOT),
                        k.cycle(),
                        k.dueAt(),
                        k.isRunning()
                            ? SlaBadge.css(k.state(), k.dueAt(), k.warnAt(), now)
                            : "sla-" + k.state().name().toLowerCase(Locale.ROOT)))
            .toList(),
        c.interactions().stream()
            .map(
                i ->
                    new Entry(
                        kind(i.kind()),
                        i.kind() == Interaction.Kind.INBOUND_MESSAGE ? name : i.author(),
                        i.channel().key(),
                        i.body(),
                        i.at(),
                        i.call().map(CallLine::of)))
            .toList(),
        CaseStatusTransitions.allowedFrom(c.status()).stream().sorted().map(s -> s.key()).toList());
  }

  /**
   * The page with its timeline combined: its own entries with their deliveries and those of the
   * cases merged into it, each marked with its case, oldest first.
   *
   * @param own the case's outgoing messages by timeline position
   * @param merged the pages of the cases merged into this one, with theirs
   */
  CasePage combined(
      Map<Integer, OutboundMessage> own,
      List<Map.Entry<CasePage, Map<Integer, OutboundMessage>>> merged) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < timeline.size(); i++) {
      entries.add(timeline.get(i).shown("", Optional.ofNullable(own.get(i))));
    }
    for (Map.Entry<CasePage, Map<Integer, OutboundMessage>> other : merged) {
      List<Entry> theirs = other.getKey().timeline();
      for (int i = 0; i < theirs.size(); i++) {
        entries.add(
            theirs.get(i).shown(other.getKey().id(), Optional.ofNullable(other.getValue().get(i))));
      }
    }
    entries.sort(Comparator.comparing(Entry::at));
    return new CasePage(
        id,
        subject,
        status,
        priority,
        channel,
        protocol,
        assignee,
        team,
        customer,
        clocks,
        entries,
        nextStatuses);
  }

  private static String kind(Interaction.Kind kind) {
    return switch (kind) {
      case INBOUND_MESSAGE -> "inbound";
      case OUTBOUND_MESSAGE -> "outbound";
      case AUTOMATED_MESSAGE -> "automated";
      case CALL -> "call";
      case NOTE -> "note";
    };
  }
}
