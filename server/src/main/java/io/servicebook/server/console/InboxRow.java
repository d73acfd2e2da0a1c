package io.servicebook.server.console;

import io.servicebook.cases.Case;
import io.servicebook.server.cases.StoredCase;
import io.servicebook.server.followups.FollowUps;
import java.util.Optional;

/**
 * One line of the inbox: the case as the agent scans it, with its SLA badge and, in the follow-up
 * and approval queues, what is waiting.
 *
 * @param waiting what the queue adds (a follow-up's due time, an amount to approve); empty else
 * @param followUp in the follow-up queue, the due follow-up with its script
 */
public record InboxRow(
    String id,
    String customerId,
    String customer,
    String subject,
    String channel,
    String protocol,
    String status,
    String priority,
    Optional<SlaBadge> sla,
    Optional<String> waiting,
    Optional<FollowUps.Listed> followUp) {

  static InboxRow of(StoredCase stored, Optional<SlaBadge> sla, Optional<String> waiting) {
    return of(stored, sla, waiting, Optional.empty());
  }

  /** The row of a due follow-up's case, which the follow-up queue marks done or skips. */
  static InboxRow of(
      StoredCase stored,
      Optional<SlaBadge> sla,
      Optional<String> waiting,
      Optional<FollowUps.Listed> followUp) {
    Case c = stored.kase();
    return new InboxRow(
        c.id(),
        c.customer().id(),
        c.customer().firstName() + " " + c.customer().lastName(),
        c.subject(),
        c.channel().key(),
        stored.protocol().map(p -> p.slug() + "@" + p.version()).orElse(""),
        c.status().key(),
        c.priority().key(),
        sla,
        waiting,
        followUp);
  }
}
