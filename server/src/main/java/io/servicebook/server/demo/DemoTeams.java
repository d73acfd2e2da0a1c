package io.servicebook.server.demo;

import io.servicebook.server.teams.Team;
import io.servicebook.server.teams.Teams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The demo's teams: the four its cases are spread over, and every team the starter pack's {@code
 * escalate}, {@code reassign} and {@code notify} name, so the pack lints clean. The demo agent and
 * the supervisor are in each; the supervisor leads them.
 */
@Component
public class DemoTeams {

  /** Team key → name. */
  public static final Map<String, String> TEAMS = teams();

  private static final String LEAD = "supervisor";
  private static final String MEMBER = "agent";

  private final Teams teams;

  DemoTeams(Teams teams) {
    this.teams = teams;
  }

  private static Map<String, String> teams() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("support-eu", "Support Europe");
    t.put("support-us", "Support US");
    t.put("billing", "Billing");
    t.put("tech", "Technical support");
    t.put("tier-2", "Technical support, tier 2");
    t.put("tier-3", "Technical support, tier 3 (engineering)");
    t.put("engineering-on-call", "Engineering on call");
    t.put("billing-specialists", "Billing specialists");
    t.put("customer-care", "Customer care");
    t.put("chat", "Chat");
    t.put("chat-overflow", "Chat overflow");
    t.put("language-pool", "Language pool");
    t.put("social-care", "Social media care");
    t.put("sales", "Sales support");
    t.put("customer-success", "Customer success");
    t.put("support-operations", "Support operations");
    t.put("account-management", "Account management");
    t.put("incident-response", "Incident response");
    t.put("vip-desk", "VIP desk");
    return java.util.Collections.unmodifiableMap(t);
  }

  /** Creates the demo teams that do not exist yet; how many it created. */
  public int seed() {
    int created = 0;
    for (Map.Entry<String, String> team : TEAMS.entrySet()) {
      if (teams.find(team.getKey()).isPresent()) {
        continue;
      }
      switch (teams.save(
          team.getKey(),
          team.getValue(),
          List.of(new Team.Member(LEAD, true), new Team.Member(MEMBER, false)),
          "system")) {
        case Teams.Saved.Done done -> created++;
        case Teams.Saved.Invalid invalid ->
            throw new IllegalStateException(
                "The demo team " + team.getKey() + " is invalid: " + invalid.errors());
      }
    }
    return created;
  }
}
