package io.servicebook.server.teams;

import io.servicebook.document.Suggestions;
import io.servicebook.escalation.EscalationLadder;
import io.servicebook.escalation.EscalationLevel;
import io.servicebook.lint.KnownTargets;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import io.servicebook.server.web.InvalidRequest.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The teams: who is in each and who leads it. A case's team names one by its key; its leads hear of
 * the team's breaches and of a protocol's {@code notify: TEAM}. For a team without leads in the
 * model, the leads of {@code servicebook.notifications.team-leads.TEAM=alice,bob} still count (the
 * configuration of before the teams page).
 */
@Service
public class Teams {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String LEADS_PROPERTY = "servicebook.notifications.team-leads.";

  private final TeamRepository repository;
  private final EscalationLadders ladders;
  private final AuditLog audit;
  private final Clock clock;
  private final Environment environment;

  Teams(
      TeamRepository repository,
      EscalationLadders ladders,
      AuditLog audit,
      Clock clock,
      Environment environment) {
    this.repository = repository;
    this.ladders = ladders;
    this.audit = audit;
    this.clock = clock;
    this.environment = environment;
  }

  public List<Team> all() {
    return repository.all();
  }

  public Optional<Team> find(String key) {
    return repository.find(key);
  }

  /** The active users, by name: who may join a team. */
  public List<String> activeUsers() {
    return repository.activeUsers();
  }

  /**
   * The team's leads: from the teams page, or while it names none there, from {@code
   * servicebook.notifications.team-leads.TEAM}.
   */
  public List<String> leads(String team) {
    List<String> modelled = repository.find(team).map(Team::leads).orElse(List.of());
    if (!modelled.isEmpty()) {
      return modelled;
    }
    String configured = environment.getProperty(LEADS_PROPERTY + team, "").strip();
    return configured.isEmpty()
        ? List.of()
        : Arrays.stream(configured.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
  }

  /**
   * Whom a notification for {@code who} reaches: a role stays a role (its key); a team means its
   * leads (its members while it has none, the supervisors while it has nobody); a level of the
   * ladder means whoever that level notifies; anything else is a username.
   */
  public List<String> recipients(String who) {
    String name = who.strip();
    Optional<EscalationLevel> level = ladders.current().level(name);
    if (isRole(name) || level.isEmpty() || repository.find(name).isPresent()) {
      return recipient(name);
    }
    Set<String> all = new LinkedHashSet<>();
    level.get().recipients().forEach(r -> all.addAll(recipient(r)));
    return List.copyOf(all);
  }

  private List<String> recipient(String name) {
    if (isRole(name)) {
      return List.of(name);
    }
    Optional<Team> team = repository.find(name);
    if (team.isEmpty()) {
      return List.of(name);
    }
    List<String> leads = leads(name);
    if (!leads.isEmpty()) {
      return leads;
    }
    return team.get().members().isEmpty()
        ? List.of(Role.SUPERVISOR.key())
        : team.get().members().stream().map(Team.Member::username).toList();
  }

  private static boolean isRole(String name) {
    return EscalationLadders.role(name.toLowerCase(java.util.Locale.ROOT)).isPresent();
  }

  /**
   * What a protocol's {@code escalate}, {@code reassign} and {@code notify} may name now: the
   * ladder's levels, the teams, the active users and the roles.
   */
  public KnownTargets knownTargets() {
    EscalationLadder ladder = ladders.current();
    return new KnownTargets(
        ladder.levels().stream().map(EscalationLevel::key).collect(Collectors.toSet()),
        new HashSet<>(repository.keys()),
        new HashSet<>(repository.activeUsers()),
        Arrays.stream(Role.values()).map(Role::key).collect(Collectors.toSet()));
  }

  /** What saving a team did. */
  public sealed interface Saved {
    /** Stored; {@code created} when the team is new. */
    record Done(Team team, boolean created) implements Saved {}

    /** Nothing was stored; each error names its field ({@code members[1].username}). */
    record Invalid(List<FieldError> errors) implements Saved {}
  }

  /**
   * Creates the team or replaces its name and members, when the key is a key no level or role uses,
   * the name is given, and every member is an active user named once. Audited as {@code
   * team.created} or {@code team.changed} with who joined, left, and leads.
   */
  @Transactional
  public Saved save(String key, String name, List<Team.Member> members, String actor) {
    List<FieldError> errors = new ArrayList<>();
    String k = key == null ? "" : key.strip();
    String n = name == null ? "" : name.strip();
    if (k.isEmpty()) {
      errors.add(new FieldError("key", "Give the team a key, such as `billing`."));
    } else if (!k.matches(EscalationLadders.KEY)) {
      errors.add(
          new FieldError(
              "key",
              "`"
                  + k
                  + "` is not a key: use lower-case letters, digits, `_` and `-` (up to 100),"
                  + " such as `tier-2`."));
    } else if (EscalationLadders.role(k).isPresent()) {
      errors.add(
          new FieldError(
              "key",
              "`" + k + "` is a role; a team needs another key, or notices would go astray."));
    } else if (ladders.current().level(k).isPresent()) {
      errors.add(
          new FieldError(
              "key",
              "`"
                  + k
                  + "` is a level of the escalation ladder; a team needs another key, or"
                  + " `escalate: "
                  + k
                  + "` could not tell them apart."));
    }
    if (n.isEmpty()) {
      errors.add(new FieldError("name", "Give the team a name people read."));
    } else if (n.length() > 200) {
      errors.add(new FieldError("name", "The name is longer than 200 characters."));
    }
    Set<String> users = new HashSet<>(repository.activeUsers());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < members.size(); i++) {
      String u = members.get(i).username() == null ? "" : members.get(i).username().strip();
      String field = "members[" + i + "].username";
      if (u.isEmpty()) {
        errors.add(new FieldError(field, "Name the member by username."));
      } else if (!users.contains(u)) {
        errors.add(
            new FieldError(
                field,
                "There is no active user `"
                    + u
                    + "`"
                    + Suggestions.closest(u, users)
                        .map(c -> "; did you mean `" + c + "`?")
                        .orElse(".")));
      } else if (!seen.add(u)) {
        errors.add(new FieldError(field, "`" + u + "` is listed twice."));
      }
    }
    if (!errors.isEmpty()) {
      return new Saved.Invalid(errors);
    }
    Optional<Team> before = repository.find(k);
    Team team =
        new Team(
            k,
            n,
            members.stream().map(m -> new Team.Member(m.username().strip(), m.lead())).toList());
    boolean created = repository.save(team, clock.instant());
    Team after = repository.find(k).orElseThrow();
    audit.append(
        "team",
        k,
        created ? "team.created" : "team.changed",
        actor,
        null,
        JSON.writeValueAsString(changes(before, after)));
    return new Saved.Done(after, created);
  }

  private static Map<String, Object> changes(Optional<Team> before, Team after) {
    Set<String> was =
        before
            .map(t -> t.members().stream().map(Team.Member::username).collect(Collectors.toSet()))
            .orElse(Set.of());
    Set<String> is =
        after.members().stream().map(Team.Member::username).collect(Collectors.toSet());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", after.name());
    before
        .filter(t -> !t.name().equals(after.name()))
        .ifPresent(t -> details.put("was_named", t.name()));
    details.put("joined", is.stream().filter(u -> !was.contains(u)).sorted().toList());
    details.put("left", was.stream().filter(u -> !is.contains(u)).sorted().toList());
    details.put("leads", after.leads());
    before.ifPresent(t -> details.put("leads_before", t.leads()));
    return details;
  }
}
