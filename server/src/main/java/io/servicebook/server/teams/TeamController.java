package io.servicebook.server.teams;

import io.servicebook.escalation.EscalationLadder;
import io.servicebook.server.web.InvalidRequest;
import io.servicebook.server.web.InvalidRequest.FieldError;
import io.servicebook.server.web.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/teams}: the teams with their members and leads (anyone signed in reads them;
 * admins create and change them with {@code PUT}), and {@code /api/v1/escalation-ladder}: the
 * ladder's levels and whom each notifies (admins replace it with {@code PUT}). Invalid input is a
 * 400 problem naming each field; nothing is stored then.
 */
@RestController
class TeamController {

  private static final String ADMIN = "hasRole('ADMIN')";

  private final Teams teams;
  private final EscalationLadders ladders;

  TeamController(Teams teams, EscalationLadders ladders) {
    this.teams = teams;
    this.ladders = ladders;
  }

  @GetMapping("/api/v1/teams")
  Map<String, Object> list() {
    return Map.of("items", teams.all().stream().map(TeamController::view).toList());
  }

  @GetMapping("/api/v1/teams/{key}")
  ResponseEntity<?> one(@PathVariable String key) {
    return teams
        .find(key)
        .<ResponseEntity<?>>map(t -> ResponseEntity.ok(view(t)))
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(
                        Problems.of(
                            HttpStatus.NOT_FOUND,
                            "team-not-found",
                            "Team not found",
                            "There is no team `" + key + "`.")));
  }

  /**
   * Creates the team {@code key} or replaces its name and members: {@code {"name": "Billing",
   * "members": [{"username": "alice", "lead": true}]}}. 201 when created, 200 when changed.
   */
  @PutMapping("/api/v1/teams/{key}")
  @PreAuthorize(ADMIN)
  ResponseEntity<?> put(
      @PathVariable String key,
      @RequestBody(required = false) Map<String, Object> body,
      Authentication who) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Object> b = body == null ? Map.of() : body;
    String name = text(b.get("name"), "name", errors);
    List<Team.Member> members = new ArrayList<>();
    Object list = b.getOrDefault("members", List.of());
    if (!(list instanceof List<?> items)) {
      errors.add(new FieldError("members", "Give a list of {username, lead}."));
    } else {
      for (int i = 0; i < items.size(); i++) {
        String at = "members[" + i + "]";
        if (!(items.get(i) instanceof Map<?, ?> m)) {
          errors.add(new FieldError(at, "Give {\"username\": \"…\", \"lead\": false}."));
          continue;
        }
        String username = text(m.get("username"), at + ".username", errors);
        Object lead = m.get("lead");
        if (lead != null && !(lead instanceof Boolean)) {
          errors.add(new FieldError(at + ".lead", "Write true or false."));
        }
        members.add(new Team.Member(username, Boolean.TRUE.equals(lead)));
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    return switch (teams.save(key, name, members, who.getName())) {
      case Teams.Saved.Done done ->
          ResponseEntity.status(done.created() ? HttpStatus.CREATED : HttpStatus.OK)
              .body(view(done.team()));
      case Teams.Saved.Invalid invalid -> throw invalid(invalid.errors());
    };
  }

  @GetMapping("/api/v1/escalation-ladder")
  Map<String, Object> ladder() {
    return view(ladders.current());
  }

  /**
   * Replaces the ladder: {@code {"levels": [{"key": "agent", "name": "Agent", "notify": []}, …]}},
   * lowest first.
   */
  @PutMapping("/api/v1/escalation-ladder")
  @PreAuthorize(ADMIN)
  Map<String, Object> putLadder(
      @RequestBody(required = false) Map<String, Object> body, Authentication who) {
    List<FieldError> errors = new ArrayList<>();
    Object list = body == null ? null : body.get("levels");
    List<EscalationLadders.LevelInput> levels = new ArrayList<>();
    if (!(list instanceof List<?> items)) {
      errors.add(new FieldError("levels", "Give the levels as a list, lowest first."));
    } else {
      for (int i = 0; i < items.size(); i++) {
        String at = "levels[" + i + "]";
        if (!(items.get(i) instanceof Map<?, ?> m)) {
          errors.add(new FieldError(at, "Give {\"key\": …, \"name\": …, \"notify\": […]}."));
          continue;
        }
        List<String> notify = new ArrayList<>();
        Object n = m.get("notify");
        if (n instanceof List<?> names) {
          for (int j = 0; j < names.size(); j++) {
            notify.add(text(names.get(j), at + ".notify[" + j + "]", errors));
          }
        } else if (n != null) {
          errors.add(new FieldError(at + ".notify", "Give a list of roles, teams or users."));
        }
        levels.add(
            new EscalationLadders.LevelInput(
                text(m.get("key"), at + ".key", errors),
                text(m.get("name"), at + ".name", errors),
                notify));
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    return switch (ladders.save(levels, who.getName())) {
      case EscalationLadders.Saved.Done done -> view(done.ladder());
      case EscalationLadders.Saved.Invalid invalid -> throw invalid(invalid.errors());
    };
  }

  private static String text(Object value, String field, List<FieldError> errors) {
    if (value == null) {
      return "";
    }
    if (!(value instanceof String s)) {
      errors.add(new FieldError(field, "Write text."));
      return "";
    }
    return s;
  }

  private static InvalidRequest invalid(List<FieldError> errors) {
    return new InvalidRequest("invalid-request", "The request is not valid", errors);
  }

  static Map<String, Object> view(Team team) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("key", team.key());
    view.put("name", team.name());
    view.put(
        "members",
        team.members().stream()
            .map(m -> Map.<String, Object>of("username", m.username(), "lead", m.lead()))
            .toList());
    view.put("leads", team.leads());
    return view;
  }

  static Map<String, Object> view(EscalationLadder ladder) {
    return Map.of("levels", EscalationLadders.view(ladder));
  }
}
