package io.servicebook.server.teams;

import io.servicebook.escalation.EscalationLadder;
import io.servicebook.escalation.EscalationLevel;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import io.servicebook.server.web.InvalidRequest.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The escalation ladder as stored in the database, which the admins edit on {@code /admin/teams}.
 * While nothing is stored, the ladder of the properties ({@code servicebook.escalation.levels}) or
 * the standard one applies; the server stores that one at start. Every use reads the stored ladder
 * (a few rows), so all nodes sharing the database follow an edit at once.
 */
@Service
@Order(Ordered.HIGHEST_PRECEDENCE)
public class EscalationLadders implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(EscalationLadders.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String KEY = "[a-z0-9][a-z0-9_-]{0,99}";

  private final TeamRepository repository;
  private final EscalationLadder configured;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate transactions;

  EscalationLadders(
      TeamRepository repository,
      EscalationSettings settings,
      AuditLog audit,
      Clock clock,
      TransactionTemplate transactions) {
    this.repository = repository;
    this.configured = settings.ladder();
    this.audit = audit;
    this.clock = clock;
    this.transactions = transactions;
  }

  /** The ladder in force: the stored one, or the configured one while none is stored. */
  public EscalationLadder current() {
    List<TeamRepository.StoredLevel> stored = repository.levels();
    if (stored.isEmpty()) {
      return configured;
    }
    return EscalationLadder.of(
        stored.stream().map(l -> new EscalationLevel(l.key(), l.name(), l.recipients())).toList());
  }

  /** Whether the ladder in force is stored (edited or seeded) rather than the configured one. */
  public boolean stored() {
    return !repository.levels().isEmpty();
  }

  /** Stores the configured ladder when none is stored yet (a second node racing does it too). */
  @Override
  public void run(ApplicationArguments args) {
    try {
      transactions.executeWithoutResult(
          status -> {
            if (repository.levels().isEmpty()) {
              repository.replaceLevels(stored(configured), "system", clock.instant());
              log.info("Stored the escalation ladder {}", keys(configured));
            }
          });
    } catch (DataIntegrityViolationException raced) {
      log.info("Another node stored the escalation ladder first");
    }
  }

  /** A level as an admin writes it: key, name, and whom it notifies. */
  public record LevelInput(String key, String name, List<String> recipients) {}

  /** What saving the ladder did. */
  public sealed interface Saved {
    record Done(EscalationLadder ladder) implements Saved {}

    /** Nothing was stored; each error names its field ({@code levels[1].key}). */
    record Invalid(List<FieldError> errors) implements Saved {}
  }

  /**
   * Replaces the ladder, when every level has its own key and a name, there is at least one, and
   * everyone notified is a role, a team or an active user. Audited as {@code escalation.ladder
   * _changed}.
   */
  @Transactional
  public Saved save(List<LevelInput> levels, String actor) {
    List<FieldError> errors = validate(levels);
    if (!errors.isEmpty()) {
      return new Saved.Invalid(errors);
    }
    EscalationLadder before = current();
    List<TeamRepository.StoredLevel> stored =
        levels.stream()
            .map(
                l ->
                    new TeamRepository.StoredLevel(
                        l.key().strip(),
                        l.name().strip(),
                        l.recipients().stream()
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList()))
            .toList();
    repository.replaceLevels(stored, actor, clock.instant());
    EscalationLadder after = current();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("before", view(before));
    details.put("after", view(after));
    audit.append(
        "escalation_ladder",
        "ladder",
        "escalation.ladder_changed",
        actor,
        null,
        JSON.writeValueAsString(details));
    return new Saved.Done(after);
  }

  private List<FieldError> validate(List<LevelInput> levels) {
    List<FieldError> errors = new ArrayList<>();
    if (levels.isEmpty()) {
      errors.add(new FieldError("levels", "The ladder needs at least one level, the agents' own."));
      return errors;
    }
    Set<String> teams = new HashSet<>(repository.keys());
    Set<String> users = new HashSet<>(repository.activeUsers());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < levels.size(); i++) {
      LevelInput level = levels.get(i);
      String at = "levels[" + i + "].";
      String key = level.key() == null ? "" : level.key().strip();
      if (key.isEmpty()) {
        errors.add(new FieldError(at + "key", "Give the level a key, such as `team_lead`."));
      } else if (!key.matches(KEY)) {
        errors.add(
            new FieldError(
                at + "key",
                "`"
                    + key
                    + "` is not a key: use lower-case letters, digits, `_` and `-` (up to 100),"
                    + " such as `team_lead`."));
      } else if (!seen.add(key)) {
        errors.add(
            new FieldError(at + "key", "Two levels are called `" + key + "`; give each its own."));
      } else if (teams.contains(key)) {
        errors.add(
            new FieldError(
                at + "key",
                "`"
                    + key
                    + "` is a team's key; a level needs another, or protocols could not tell them"
                    + " apart."));
      }
      String name = level.name() == null ? "" : level.name().strip();
      if (name.isEmpty()) {
        errors.add(new FieldError(at + "name", "Give the level a name people read."));
      } else if (name.length() > 200) {
        errors.add(new FieldError(at + "name", "The name is longer than 200 characters."));
      }
      List<String> notify = level.recipients() == null ? List.of() : level.recipients();
      List<String> unknown = new ArrayList<>();
      for (String who : notify) {
        String w = who.strip();
        if (!w.isEmpty() && role(w).isEmpty() && !teams.contains(w) && !users.contains(w)) {
          unknown.add(w);
        }
      }
      if (!unknown.isEmpty()) {
        Set<String> known = new TreeSet<>(teams);
        for (Role r : Role.values()) {
          known.add(r.key());
        }
        known.addAll(users);
        errors.add(
            new FieldError(
                at + "notify",
                "Nobody is called "
                    + String.join(", ", unknown.stream().map(u -> "`" + u + "`").toList())
                    + suggestion(unknown.getFirst(), known)
                    + "; name roles (admin, supervisor, agent …), teams or users."));
      }
    }
    return errors;
  }

  private static String suggestion(String word, Set<String> known) {
    return io.servicebook.document.Suggestions.closest(word, known)
        .map(c -> " (did you mean `" + c + "`?)")
        .orElse("");
  }

  static Optional<Role> role(String who) {
    for (Role r : Role.values()) {
      if (r.key().equals(who)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private static List<TeamRepository.StoredLevel> stored(EscalationLadder ladder) {
    return ladder.levels().stream()
        .map(l -> new TeamRepository.StoredLevel(l.key(), l.name(), l.recipients()))
        .toList();
  }

  private static List<String> keys(EscalationLadder ladder) {
    return ladder.levels().stream().map(EscalationLevel::key).toList();
  }

  /** The levels as the API and the audit trail show them. */
  static List<Map<String, Object>> view(EscalationLadder ladder) {
    return ladder.levels().stream()
        .map(
            l -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("key", l.key());
              m.put("name", l.name());
              m.put("notify", l.recipients());
              return m;
            })
        .toList();
  }
}
