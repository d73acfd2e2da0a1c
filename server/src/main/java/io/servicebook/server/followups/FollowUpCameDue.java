package io.servicebook.server.followups;

import java.util.Optional;

/**
 * A follow-up came due and is now in its assignee's or team's queue, published in the transaction
 * that moved it, for features that tell the assignee.
 */
public record FollowUpCameDue(
    String followUpId, String caseId, Optional<String> assignee, Optional<String> team) {}
