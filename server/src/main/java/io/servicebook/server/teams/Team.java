package io.servicebook.server.teams;

import java.util.List;

/**
 * A team: its key (what cases, protocols and mailboxes name), its name, and its members, of whom
 * any number lead it.
 */
public record Team(String key, String name, List<Member> members) {

  public Team {
    members = List.copyOf(members);
  }

  /** A member of the team; a lead hears of the team's breaches and of {@code notify: TEAM}. */
  public record Member(String username, boolean lead) {}

  /** The leads' usernames. */
  public List<String> leads() {
    return members.stream().filter(Member::lead).map(Member::username).toList();
  }

  public boolean hasMember(String username) {
    return members.stream().anyMatch(m -> m.username().equals(username));
  }
}
