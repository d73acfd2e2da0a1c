package io.servicebook.server.admin;

import io.servicebook.escalation.EscalationLevel;
import io.servicebook.server.teams.EscalationLadders;
import io.servicebook.server.teams.Team;
import io.servicebook.server.teams.Teams;
import io.servicebook.server.web.ConsolePage;
import io.servicebook.server.web.InvalidRequest.FieldError;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/teams}, for admins: the teams with their members and leads (create a team, add and
 * remove members, mark leads) and the escalation ladder, each level with its key, name and whom it
 * notifies, edited in one form. Every change is audited by the services; problems are shown next to
 * their fields and change nothing.
 */
@Controller
@ConsolePage
@PreAuthorize("hasRole('ADMIN')")
class TeamsPageController {

  private static final String PAGE = "redirect:/admin/teams";

  private final Teams teams;
  private final EscalationLadders ladders;

  TeamsPageController(Teams teams, EscalationLadders ladders) {
    this.teams = teams;
    this.ladders = ladders;
  }

  /** A row of the ladder form. */
  record LevelRow(String key, String name, String recipients) {}

  @GetMapping("/admin/teams")
  String page(Model model) {
    model.addAttribute("teams", teams.all());
    model.addAttribute("users", teams.activeUsers());
    if (!model.containsAttribute("levels")) {
      List<LevelRow> rows = new ArrayList<>();
      for (EscalationLevel l : ladders.current().levels()) {
        rows.add(new LevelRow(l.key(), l.name(), String.join(", ", l.recipients())));
      }
      rows.add(new LevelRow("", "", ""));
      model.addAttribute("levels", rows);
      model.addAttribute("ladderErrors", Map.of());
    }
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", Map.of());
      model.addAttribute("errors", Map.of());
    }
    return "admin-teams";
  }

  @PostMapping("/admin/teams")
  String create(
      @RequestParam(defaultValue = "") String key,
      @RequestParam(defaultValue = "") String name,
      Principal who,
      Model model,
      RedirectAttributes redirect) {
    if (teams.find(key.strip()).isPresent()) {
      model.addAttribute("form", Map.of("key", key, "name", name));
      model.addAttribute("errors", Map.of("key", "There is a team `" + key.strip() + "` already."));
      return page(model);
    }
    return switch (teams.save(key, name, List.of(), who.getName())) {
      case Teams.Saved.Done done -> {
        redirect.addFlashAttribute("notice", "teams.created");
        yield PAGE + "#team-" + done.team().key();
      }
      case Teams.Saved.Invalid invalid -> {
        model.addAttribute("form", Map.of("key", key, "name", name));
        model.addAttribute("errors", errors(invalid.errors()));
        yield page(model);
      }
    };
  }

  @PostMapping("/admin/teams/{key}/members")
  String add(
      @PathVariable String key,
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "false") boolean lead,
      Principal who,
      RedirectAttributes redirect) {
    return change(
        key,
        members -> {
          members.removeIf(m -> m.username().equals(username.strip()));
          members.add(new Team.Member(username.strip(), lead));
        },
        who,
        redirect);
  }

  @PostMapping("/admin/teams/{key}/members/{username}/remove")
  String remove(
      @PathVariable String key,
      @PathVariable String username,
      Principal who,
      RedirectAttributes redirect) {
    return change(
        key, members -> members.removeIf(m -> m.username().equals(username)), who, redirect);
  }

  @PostMapping("/admin/teams/{key}/members/{username}/lead")
  String lead(
      @PathVariable String key,
      @PathVariable String username,
      @RequestParam(defaultValue = "false") boolean lead,
      Principal who,
      RedirectAttributes redirect) {
    return change(
        key,
        members ->
            members.replaceAll(
                m -> m.username().equals(username) ? new Team.Member(username, lead) : m),
        who,
        redirect);
  }

  private interface Change {
    void apply(List<Team.Member> members);
  }

  private String change(String key, Change change, Principal who, RedirectAttributes redirect) {
    Optional<Team> team = teams.find(key);
    if (team.isEmpty()) {
      redirect.addFlashAttribute("notice", "teams.gone");
      return PAGE;
    }
    List<Team.Member> members = new ArrayList<>(team.get().members());
    change.apply(members);
    switch (teams.save(key, team.get().name(), members, who.getName())) {
      case Teams.Saved.Done done -> redirect.addFlashAttribute("notice", "teams.saved");
      case Teams.Saved.Invalid invalid ->
          redirect.addFlashAttribute(
              "teamError",
              String.join(" ", invalid.errors().stream().map(FieldError::message).toList()));
    }
    return PAGE + "#team-" + key;
  }

  @PostMapping("/admin/teams/ladder")
  String ladder(
      @RequestParam MultiValueMap<String, String> form,
      Principal who,
      Model model,
      RedirectAttributes redirect) {
    List<String> k = form.getOrDefault("key", List.of());
    List<String> n = form.getOrDefault("name", List.of());
    List<String> w = form.getOrDefault("notify", List.of());
    List<LevelRow> rows = new ArrayList<>();
    for (int i = 0; i < k.size(); i++) {
      LevelRow row = new LevelRow(k.get(i), at(n, i), at(w, i));
      if (!(row.key().isBlank() && row.name().isBlank() && row.recipients().isBlank())) {
        rows.add(row); // a blank row is the one for a new level, or a level cleared to remove it
      }
    }
    List<EscalationLadders.LevelInput> levels =
        rows.stream()
            .map(
                r ->
                    new EscalationLadders.LevelInput(
                        r.key(),
                        r.name(),
                        Arrays.stream(r.recipients().split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList()))
            .toList();
    return switch (ladders.save(levels, who.getName())) {
      case EscalationLadders.Saved.Done done -> {
        redirect.addFlashAttribute("notice", "teams.ladder.saved");
        yield PAGE + "#ladder";
      }
      case EscalationLadders.Saved.Invalid invalid -> {
        List<LevelRow> shown = new ArrayList<>(rows);
        shown.add(new LevelRow("", "", ""));
        model.addAttribute("levels", shown);
        model.addAttribute("ladderErrors", errors(invalid.errors()));
        yield page(model);
      }
    };
  }

  private static String at(List<String> values, int i) {
    return i < values.size() ? values.get(i) : "";
  }

  private static Map<String, String> errors(List<FieldError> errors) {
    Map<String, String> byField = new LinkedHashMap<>();
    errors.forEach(e -> byField.merge(e.field(), e.message(), (a, b) -> a + " " + b));
    return byField;
  }
}
