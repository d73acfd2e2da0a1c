package io.servicebook.server.admin;

import io.servicebook.server.notifications.Preferences;
import io.servicebook.server.security.PasswordLinks;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.SecondFactors;
import io.servicebook.server.security.UserAccounts;
import io.servicebook.server.web.ConsolePage;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /admin/users}, for admins: every user with their roles and state; add one with a generated
 * one-time password or a set-password link; per user change the roles, reset the password (the same
 * two ways), reset the second factor, deactivate and reactivate. Each change is audited by the
 * services it calls ({@link UserAccounts}, {@link PasswordLinks}, {@link SecondFactors}), which the
 * command line uses too.
 */
@Controller
@ConsolePage
@PreAuthorize("hasRole('ADMIN')")
class UsersPageController {

  /** How a new or reset password is handed over. */
  static final List<String> CREDENTIALS = List.of("one-time", "link");

  private final UserAccounts accounts;
  private final PasswordLinks links;
  private final SecondFactors secondFactors;
  private final Optional<String> publicUrl;

  UsersPageController(
      UserAccounts accounts,
      PasswordLinks links,
      SecondFactors secondFactors,
      @Value("${servicebook.public-url:}") String publicUrl) {
    this.accounts = accounts;
    this.links = links;
    this.secondFactors = secondFactors;
    this.publicUrl =
        Optional.of(publicUrl.strip()).filter(u -> !u.isEmpty()).map(u -> u.replaceAll("/+$", ""));
  }

  @GetMapping("/admin/users")
  String list(Model model) {
    model.addAttribute("users", accounts.all());
    model.addAttribute("form", Map.of());
    model.addAttribute("errors", Map.of());
    return page(model);
  }

  private String page(Model model) {
    model.addAttribute("roles", List.of(Role.values()).stream().map(Role::key).toList());
    model.addAttribute("credentials", CREDENTIALS);
    return "admin-users";
  }

  @PostMapping("/admin/users")
  String add(
      @RequestParam(defaultValue = "") String username,
      @RequestParam(name = "display_name", defaultValue = "") String displayName,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(name = "role", required = false) List<String> roleKeys,
      @RequestParam(defaultValue = "") String credential,
      Principal me,
      HttpServletRequest request,
      Model model,
      RedirectAttributes flash) {
    Map<String, String> errors = new LinkedHashMap<>();
    String name = username.strip();
    if (!UserAccounts.validUsername(name)) {
      errors.put("username", "people.error.username");
    } else if (accounts.find(name).isPresent()) {
      errors.put("username", "people.error.taken");
    }
    if (displayName.strip().length() > 200) {
      errors.put("display_name", "people.error.displayName");
    }
    if (!email.isBlank() && !Preferences.validEmail(email.strip())) {
      errors.put("email", "people.error.email");
    }
    Optional<Set<Role>> roles = roles(roleKeys);
    if (roles.isEmpty()) {
      errors.put("role", "people.error.roles");
    }
    if (!CREDENTIALS.contains(credential)) {
      errors.put("credential", "people.error.credential");
    }
    if (!errors.isEmpty()) {
      model.addAttribute("users", accounts.all());
      model.addAttribute(
          "form",
          Map.of(
              "username",
              username,
              "display_name",
              displayName,
              "email",
              email,
              "roles",
              roleKeys == null ? List.of() : roleKeys,
              "credential",
              credential));
      model.addAttribute("errors", errors);
      return page(model);
    }
    String shown = displayName.isBlank() ? name : displayName.strip();
    UserAccounts.Added added = accounts.add(name, shown, null, roles.get(), me.getName());
    if (added instanceof UserAccounts.Added.NameTaken) {
      // added by someone else between the check and now
      flash.addFlashAttribute("error", "people.error.taken");
      return "redirect:/admin/users";
    }
    if (!email.isBlank()) {
      accounts.setEmail(name, Optional.of(email.strip()), me.getName());
    }
    UserAccounts.User user = accounts.find(name).orElseThrow();
    hand(user, credential, false, me, request, flash);
    flash.addFlashAttribute("notice", "people.added");
    return "redirect:/admin/users/" + name;
  }

  @GetMapping("/admin/users/{name}")
  String user(@PathVariable String name, Model model) {
    UserAccounts.Listed listed = listed(name);
    model.addAttribute("u", listed);
    model.addAttribute("userRoles", listed.user().roles().stream().map(Role::key).toList());
    model.addAttribute("roles", List.of(Role.values()).stream().map(Role::key).toList());
    model.addAttribute("credentials", CREDENTIALS);
    model.addAttribute("secondFactor", secondFactors.enrolled(listed.user()));
    return "admin-user";
  }

  @PostMapping("/admin/users/{name}/roles")
  String roles(
      @PathVariable String name,
      @RequestParam(name = "role", required = false) List<String> roleKeys,
      Principal me,
      RedirectAttributes flash) {
    UserAccounts.User user = listed(name).user();
    Optional<Set<Role>> roles = roles(roleKeys);
    if (roles.isEmpty()) {
      flash.addFlashAttribute("error", "people.error.roles");
    } else if (name.equals(me.getName()) && !roles.get().contains(Role.ADMIN)) {
      flash.addFlashAttribute("error", "people.error.ownAdmin");
    } else {
      accounts.setRoles(user, roles.get(), me.getName());
      flash.addFlashAttribute("notice", "people.rolesSaved");
    }
    return "redirect:/admin/users/" + name;
  }

  @PostMapping("/admin/users/{name}/password")
  String password(
      @PathVariable String name,
      @RequestParam(defaultValue = "") String credential,
      Principal me,
      HttpServletRequest request,
      RedirectAttributes flash) {
    UserAccounts.Listed listed = listed(name);
    if (!CREDENTIALS.contains(credential)) {
      flash.addFlashAttribute("error", "people.error.credential");
    } else if (!listed.active()) {
      flash.addFlashAttribute("error", "people.error.inactive");
    } else {
      hand(listed.user(), credential, true, me, request, flash);
      flash.addFlashAttribute("notice", "people.passwordReset");
    }
    return "redirect:/admin/users/" + name;
  }

  @PostMapping("/admin/users/{name}/second-factor")
  String secondFactor(@PathVariable String name, Principal me, RedirectAttributes flash) {
    boolean had = secondFactors.reset(listed(name).user(), me.getName());
    flash.addFlashAttribute("notice", had ? "people.secondFactorReset" : "people.noSecondFactor");
    return "redirect:/admin/users/" + name;
  }

  @PostMapping("/admin/users/{name}/deactivate")
  String deactivate(@PathVariable String name, Principal me, RedirectAttributes flash) {
    listed(name);
    if (name.equals(me.getName())) {
      flash.addFlashAttribute("error", "people.error.self");
    } else {
      accounts.setActive(name, false, me.getName());
      flash.addFlashAttribute("notice", "people.deactivated");
    }
    return "redirect:/admin/users/" + name;
  }

  @PostMapping("/admin/users/{name}/activate")
  String activate(@PathVariable String name, Principal me, RedirectAttributes flash) {
    listed(name);
    accounts.setActive(name, true, me.getName());
    flash.addFlashAttribute("notice", "people.activated");
    return "redirect:/admin/users/" + name;
  }

  /** Makes the one-time password or the link and puts it in the flash, to be shown once. */
  private void hand(
      UserAccounts.User user,
      String credential,
      boolean reset,
      Principal me,
      HttpServletRequest request,
      RedirectAttributes flash) {
    if (credential.equals("one-time")) {
      flash.addFlashAttribute(
          "oneTimePassword",
          accounts.setOneTimePassword(user.username(), me.getName()).orElseThrow());
    } else {
      PasswordLinks.Issued issued = links.issue(user, reset, me.getName());
      flash.addFlashAttribute("link", base(request) + "/password/set/" + issued.token());
      flash.addFlashAttribute("linkExpires", issued.expiresAt());
    }
  }

  private String base(HttpServletRequest request) {
    return publicUrl.orElseGet(
        () ->
            ServletUriComponentsBuilder.fromContextPath(request)
                .replaceQuery(null)
                .build()
                .toUriString());
  }

  private UserAccounts.Listed listed(String name) {
    return accounts
        .listed(name)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  /** The chosen roles; empty when none or an unknown one was sent. */
  private static Optional<Set<Role>> roles(List<String> keys) {
    if (keys == null || keys.isEmpty()) {
      return Optional.empty();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String key : keys) {
      Optional<Role> role =
          List.of(Role.values()).stream().filter(r -> r.key().equals(key)).findFirst();
      if (role.isEmpty()) {
        return Optional.empty();
      }
      roles.add(role.get());
    }
    return Optional.of(roles);
  }
}
