package io.servicebook.server;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.server.demo.DemoBudgets;
import io.servicebook.server.demo.DemoCases;
import io.servicebook.server.demo.DemoTeams;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * What happens once at start: the bootstrap API token, the protocol pack import ({@code
 * --protocols}), and for {@code --demo} the demo users and teams and the starter pack.
 */
@Component
class Startup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(Startup.class);
  static final String SYSTEM = "system";

  /** The demo logins: user name → roles; every password is {@code demo}. */
  static final Map<String, EnumSet<Role>> DEMO_USERS =
      Map.of(
          "admin", EnumSet.of(Role.ADMIN),
          "author", EnumSet.of(Role.AUTHOR),
          "reviewer", EnumSet.of(Role.REVIEWER),
          "supervisor", EnumSet.of(Role.SUPERVISOR, Role.AGENT),
          "agent", EnumSet.of(Role.AGENT));

  private final ServerSettings settings;
  private final ProtocolCatalog catalog;
  private final UserAccounts accounts;
  private final DemoCases demoCases;
  private final DemoBudgets demoBudgets;
  private final DemoTeams demoTeams;

  Startup(
      ServerSettings settings,
      ProtocolCatalog catalog,
      UserAccounts accounts,
      DemoCases demoCases,
      DemoBudgets demoBudgets,
      DemoTeams demoTeams) {
    this.settings = settings;
    this.catalog = catalog;
    this.accounts = accounts;
    this.demoCases = demoCases;
    this.demoBudgets = demoBudgets;
    this.demoTeams = demoTeams;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (settings.demo()) {
      // before the bootstrap token, which would otherwise create `admin` without a password
      DEMO_USERS.forEach(
          (name, roles) -> accounts.add(name, capitalise(name), "demo", roles, SYSTEM));
    }
    if (settings.bootstrapToken() != null) {
      bootstrapToken(settings.bootstrapToken());
    }
    if (settings.demo()) {
      // before the pack, whose escalations, reassignments and notices name these teams
      demoTeams.seed();
      importPack(extractStarterPack());
      demoCases.seed();
      demoBudgets.seed();
    }
    if (settings.protocols() != null) {
      importPack(settings.protocols());
    }
  }

  private void bootstrapToken(String token) {
    UserAccounts.User admin =
        accounts
            .find("admin")
            .orElseGet(
                () ->
                    switch (accounts.add(
                        "admin", "Administrator", null, EnumSet.of(Role.ADMIN), SYSTEM)) {
                      case UserAccounts.Added.Created created -> created.user();
                      case UserAccounts.Added.NameTaken taken ->
                          accounts.find("admin").orElseThrow();
                    });
    accounts.ensureToken(admin, "bootstrap", token, SYSTEM);
  }

  private void importPack(Path folder) {
    switch (catalog.importPack(List.of(folder), SYSTEM)) {
      case ProtocolCatalog.ImportResult.Imported imported -> {
        log.info(
            "Imported {}: {} new version(s) {}, {} unchanged",
            folder,
            imported.published().size(),
            imported.published(),
            imported.unchanged());
        imported.warnings().forEach(w -> log.warn("{}", w));
      }
      case ProtocolCatalog.ImportResult.Rejected rejected ->
          throw new PackRejectedException(folder, rejected.errors());
    }
  }

  /** Copies the starter pack from the jar into the data directory, where the import reads it. */
  private Path extractStarterPack() throws IOException {
    Path target = settings.dataDir().resolve("starter-pack");
    var resolver = new PathMatchingResourcePatternResolver();
    for (Resource resource : resolver.getResources("classpath*:starter-pack/**/*.yaml")) {
      String url = resource.getURL().toString();
      String relative = url.substring(url.lastIndexOf("starter-pack/") + "starter-pack/".length());
      Path file = target.resolve(relative).normalize();
      Files.createDirectories(file.getParent());
      try (InputStream in = resource.getInputStream()) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return target;
  }

  private static String capitalise(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** The pack given at start has errors; the server refuses to start with it. */
  static final class PackRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PackRejectedException(Path folder, List<Diagnostic> errors) {
      super(
          "The protocol pack "
              + folder
              + " has "
              + errors.size()
              + " error(s); nothing was imported:\n"
              + String.join("\n", errors.stream().map(Diagnostic::toString).toList()));
    }
  }
}
