package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.escalation.EscalationLadder;
import io.servicebook.escalation.EscalationLevel;
import io.servicebook.lint.KnownTargets;
import io.servicebook.lint.Linter;
import io.servicebook.pack.PackReader;
import io.servicebook.pack.ProtocolPack;
import io.servicebook.server.demo.DemoTeams;
import io.servicebook.server.security.Role;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's teams and ladder make every {@code escalate}, {@code reassign} and {@code notify} of
 * the starter pack name a real level, team, role or user, so no demo case lands in a team nobody
 * works in (the supervisor once saw a "team-lead" team with every case breached).
 */
class DemoTeamsTests {

  private static final Path STARTER_PACK = Path.of("..", "protocols").toAbsolutePath().normalize();

  @Test
  void everyStarterProtocolLintsCleanAgainstTheDemosTeamsAndLadder() {
    ProtocolPack pack = PackReader.read(List.of(STARTER_PACK), Set.of());
    KnownTargets demo =
        new KnownTargets(
            EscalationLadder.standard().levels().stream()
                .map(EscalationLevel::key)
                .collect(Collectors.toSet()),
            DemoTeams.TEAMS.keySet(),
            Startup.DEMO_USERS.keySet(),
            Arrays.stream(Role.values()).map(Role::key).collect(Collectors.toSet()));

    List<Diagnostic> findings = Linter.lint(pack, demo);

    assertThat(pack.protocols()).hasSizeGreaterThanOrEqualTo(16);
    assertThat(findings).noneMatch(Diagnostic::isError);
    assertThat(findings)
        .filteredOn(d -> d.rule().equals("unknown-target"))
        .as("actions naming nobody in the demo")
        .isEmpty();
  }

  @Test
  void theDemoStartsWithItsTeamsLedByTheSupervisorAndNoCaseInAnUnknownTeam(@TempDir Path data)
      throws Exception {
    try (RunningServer server =
        RunningServer.start(data, Map.of(), Map.of("servicebook.demo", true))) {
      RunningServer.Reply teams = server.get("/api/v1/teams", RunningServer.TOKEN);
      assertThat(teams.json().get("items").findValuesAsString("key"))
          .containsExactlyInAnyOrderElementsOf(DemoTeams.TEAMS.keySet());
      teams
          .json()
          .get("items")
          .forEach(t -> assertThat(t.get("leads").toString()).isEqualTo("[\"supervisor\"]"));
      JdbcClient jdbc = server.bean(JdbcClient.class);
      assertThat(
              jdbc.sql(
                      "SELECT DISTINCT team FROM service_case WHERE team IS NOT NULL"
                          + " AND team NOT IN (SELECT team_key FROM team)")
                  .query(String.class)
                  .list())
          .isEmpty();
      assertThat(jdbc.sql("SELECT COUNT(*) FROM escalation_level").query(Long.class).single())
          .isEqualTo(4);
      ConsoleSession supervisor = new ConsoleSession(server.base);
      supervisor.login("supervisor", "demo");
      assertThat(supervisor.get("/supervisor").body()).doesNotContain("team-lead");
    }
  }
}
