package io.servicebook.cases;

import io.servicebook.cases.CaseEvent.CaseAssigned;
import io.servicebook.cases.CaseEvent.CaseOpened;
import io.servicebook.cases.CaseEvent.CasePriorityChanged;
import io.servicebook.cases.CaseEvent.CaseStatusChanged;
import io.servicebook.cases.CaseEvent.InteractionAdded;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's request and everything said about it; immutable, so each change returns the new case
 * with the events that describe the change.
 *
 * @param category what the case is about, such as {@code refund}; protocols match on it
 * @param interactions the conversation, oldest first
 */
public record Case(
    String id,
    Customer customer,
    Channel channel,
    String category,
    String subject,
    Priority priority,
    CaseStatus status,
    Optional<String> assignee,
    Optional<String> team,
    List<String> tags,
    Instant createdAt,
    List<Interaction> interactions) {

  public Case {
    Customer.requireText(id, "id");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(channel, "channel");
    Customer.requireText(category, "category");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(assignee, "assignee");
    Objects.requireNonNull(team, "team");
    tags = List.copyOf(tags);
    Objects.requireNonNull(createdAt, "createdAt");
    interactions = List.copyOf(interactions);
  }

  /** A case after a change, and the events that say what changed (empty if nothing did). */
  public record Change(Case after, List<CaseEvent> events) {
    public Change {
      Objects.requireNonNull(after, "after");
      events = List.copyOf(events);
    }
  }

  /** Opens a {@link CaseStatus#NEW} case, unassigned, with no conversation yet. */
  public static Change open(
      String id,
      Customer customer,
      Channel channel,
      String category,
      String subject,
      Priority priority,
      String actor,
      Instant at) {
    Case opened =
        new Case(
            id,
            customer,
            channel,
            category,
            subject,
            priority,
            CaseStatus.NEW,
            Optional.empty(),
            Optional.empty(),
            List.of(),
            at,
            List.of());
    return new Change(
        opened, List.of(new CaseOpened(id, customer.id(), channel, category, priority, actor, at)));
  }

  /** The language the customer is served in. */
  public String language() {
    return customer.language();
  }

  /**
   * Moves the case to another status.
   *
   * @throws IllegalCaseTransition if the move is not in {@link CaseStatusTransitions}
   */
  public Change changeStatus(CaseStatus to, Instant at, String actor, String reason) {
    Objects.requireNonNull(reason, "reason");
    CaseStatusTransitions.check(status, to);
    return new Change(
        withStatus(to), List.of(new CaseStatusChanged(id, status, to, actor, reason, at)));
  }

  /**
   * Adds to the conversation. A customer writing to a case that waits on them, or that was
   * resolved, reopens it: the status moves to {@link CaseStatus#OPEN} in the same change.
   *
   * @throws IllegalStateException if the case is closed: a follow-up case takes the message
   */
  public Change addInteraction(Interaction interaction) {
    if (status == CaseStatus.CLOSED) {
      throw new IllegalStateException(
          "Case " + id + " is closed and takes no more interactions; open a follow-up case.");
    }
    List<Interaction> conversation = new ArrayList<>(interactions);
    conversation.add(interaction);
    Case added = withInteractions(conversation);
    List<CaseEvent> events = new ArrayList<>();
    events.add(new InteractionAdded(id, interaction));
    if (interaction.fromCustomer()
        && (status == CaseStatus.WAITING_ON_CUSTOMER || status == CaseStatus.RESOLVED)) {
      Change reopened =
          added.changeStatus(
              CaseStatus.OPEN, interaction.at(), interaction.author(), "the customer replied");
      events.addAll(reopened.events());
      return new Change(reopened.after(), events);
    }
    if (interaction.answersCustomer() && status == CaseStatus.NEW) {
      // as helpdesks do: an agent's first public answer means somebody works on the case
      Change opened =
          added.changeStatus(
              CaseStatus.OPEN, interaction.at(), interaction.author(), "an agent replied");
      events.addAll(opened.events());
      return new Change(opened.after(), events);
    }
    return new Change(added, events);
  }

  /**
   * Closes the case because it was merged into another case of the same customer, whose timeline
   * shows its conversation from now on. The one move to {@link CaseStatus#CLOSED} that the table in
   * {@link CaseStatusTransitions} does not list: a duplicate is closed from any status but closed,
   * without being resolved first (it was not solved, it lives on in the other case).
   *
   * @throws IllegalCaseTransition if the case is closed already
   * @throws IllegalArgumentException if {@code into} is the case itself
   */
  public Change closeAsMerged(String into, Instant at, String actor) {
    Customer.requireText(into, "into");
    if (into.equals(id)) {
      throw new IllegalArgumentException("A case cannot be merged into itself: " + id);
    }
    if (status == CaseStatus.CLOSED) {
      throw new IllegalCaseTransition(status, CaseStatus.CLOSED, java.util.Set.of());
    }
    return new Change(
        withStatus(CaseStatus.CLOSED),
        List.of(
            new CaseStatusChanged(id, status, CaseStatus.CLOSED, actor, MERGED_INTO + into, at)));
  }

  /** How the reason of a merge's closing begins; the surviving case's id follows. */
  public static final String MERGED_INTO = "merged into case ";

  /** Sets the priority; no event when it already has it. */
  public Change changePriority(Priority to, Instant at, String actor, String reason) {
    if (to == priority) {
      return new Change(this, List.of());
    }
    Case changed =
        new Case(
            id,
            customer,
            channel,
            category,
            subject,
            to,
            status,
            assignee,
            team,
            tags,
            createdAt,
            interactions);
    return new Change(
        changed, List.of(new CasePriorityChanged(id, priority, to, actor, reason, at)));
  }

  /** Gives the case to a person and/or team; empty means unassigned from it. */
  public Change assign(Optional<String> assignee, Optional<String> team, String actor, Instant at) {
    Case assigned =
        new Case(
            id,
            customer,
            channel,
            category,
            subject,
            priority,
            status,
            assignee,
            team,
            tags,
            createdAt,
            interactions);
    return new Change(assigned, List.of(new CaseAssigned(id, assignee, team, actor, at)));
  }

  private Case withStatus(CaseStatus to) {
    return new Case(
        id,
        customer,
        channel,
        category,
        subject,
        priority,
        to,
        assignee,
        team,
        tags,
        createdAt,
        interactions);
  }

  private Case withInteractions(List<Interaction> conversation) {
    return new Case(
        id,
        customer,
        channel,
        category,
        subject,
        priority,
        status,
        assignee,
        team,
        tags,
        createdAt,
        conversation);
  }
}
