package io.servicebook.cli;

import io.servicebook.server.audit.AuditCheckpoints;
import io.servicebook.server.audit.AuditKeys;
import io.servicebook.server.audit.AuditSettings;
import io.servicebook.server.audit.AuditVerification;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code servicebook audit}: proves the audit trail, rotates its key, writes a checkpoint. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Verifies the audit trail, rotates its HMAC key, writes a signed checkpoint (uses the same"
            + " database, keys and checkpoints as `serve`).",
    subcommands = {
      AuditCommand.Verify.class,
      AuditCommand.RotateKey.class,
      AuditCommand.Checkpoint.class
    })
final class AuditCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code servicebook audit verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Checks every row of the audit trail against its key and the row before it, every chain"
            + " against its head and the signed checkpoints. Exit 0 when intact, 1 with the first"
            + " broken entry."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context = UserCommand.open(dataDir.path)) {
        AuditVerification verification = context.getBean(AuditVerification.class);
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar =
            new ProgressBar(err, "audit rows", verification.rows(), KpiCommand.terminal());
        AuditVerification.Result result = verification.verify(bar::show);
        bar.done();
        if (result.intact()) {
          spec.commandLine().getOut().println(result.summary());
          return ExitCodes.CLEAN;
        }
        AuditVerification.Problem first = result.problem().orElseThrow();
        err.println("servicebook: the audit trail is broken at " + first.sentence() + ".");
        err.println(
            String.format(
                Locale.ROOT,
                "%,d problem(s) in %,d rows, %,d chains, %,d checkpoints.",
                result.problems(),
                result.rows(),
                result.chains(),
                result.checkpoints()));
        return ExitCodes.PROBLEMS;
      }
    }
  }

  /** {@code servicebook audit rotate-key}. */
  @Command(
      name = "rotate-key",
      mixinStandardHelpOptions = true,
      description = {
        "Adds a new HMAC key to the audit keyring (keys/audit-hmac.key in the data directory); it"
            + " signs new rows from the server's next start, the old keys stay to verify the rows"
            + " they signed. With SERVICEBOOK_AUDIT_KEY set, prints the new key to add there."
      })
  static final class RotateKey implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() {
      AuditSettings settings =
          new AuditSettings(
              System.getenv("SERVICEBOOK_AUDIT_KEY"), null, null, null, null, null, null);
      AuditKeys.Rotated rotated = AuditKeys.of(settings, dataDir.path).rotate();
      PrintWriter out = spec.commandLine().getOut();
      if (rotated.file().isPresent()) {
        out.println(
            "Added audit key "
                + rotated.id()
                + " to "
                + rotated.file().get()
                + ". Restart the server(s) to sign with it; the older keys stay there to verify"
                + " older rows.");
      } else {
        out.println(
            "SERVICEBOOK_AUDIT_KEY is set, so the keyring lives there: append this key to it"
                + " (comma-separated, newest last), keep the old ones, and restart the server(s).");
        out.println("New key " + rotated.id() + ": " + rotated.secretToAdd().orElseThrow());
      }
      return ExitCodes.CLEAN;
    }
  }

  /** {@code servicebook audit checkpoint}. */
  @Command(
      name = "checkpoint",
      mixinStandardHelpOptions = true,
      description =
          "Writes a signed checkpoint of the audit trail's chain heads now (the server writes one"
              + " every ten minutes and at shutdown).")
  static final class Checkpoint implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DataDir dataDir;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context = UserCommand.open(dataDir.path)) {
        AuditCheckpoints.Written written =
            context.getBean(AuditCheckpoints.class).write(true).orElseThrow();
        spec.commandLine()
            .getOut()
            .println(
                String.format(
                    Locale.ROOT,
                    "Wrote a checkpoint of %,d chain head(s) up to row %,d to %s.",
                    written.chains(),
                    written.maxEventId(),
                    written.file()));
        return ExitCodes.CLEAN;
      }
    }
  }
}
