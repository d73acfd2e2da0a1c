package io.servicebook.server.security;

import io.servicebook.server.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The optional second factor of a sign-in: a TOTP authenticator app (RFC 6238) enrolled by the user
 * and confirmed with a code, plus ten recovery codes that each work once. Codes of the current 30
 * seconds and one step either side are accepted, each once.
 */
@Service
public class SecondFactors {

  /** How many recovery codes an enrolment gives. */
  public static final int RECOVERY_CODES = 10;

  private static final String RECOVERY_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789";

  private final SecondFactorRepository repository;
  private final TotpSecrets secrets;
  private final SecondFactorSettings settings;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  SecondFactors(
      SecondFactorRepository repository,
      TotpSecrets secrets,
      SecondFactorSettings settings,
      AuditLog audit,
      Clock clock) {
    this.repository = repository;
    this.secrets = secrets;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
  }

  /** Where a user's second factor stands. */
  public record Status(boolean enrolled, boolean required, int recoveryCodesLeft) {}

  /** An enrolment begun: the secret for the authenticator app, as text and as a URI. */
  public record Enrolment(String secret, String uri) {}

  /** How a code typed at sign-in compared. */
  public enum Check {
    /** A current code of the authenticator app, not used before. */
    CODE,
    /** One of the unused recovery codes; it is used up now. */
    RECOVERY_CODE,
    /** A code of the app that was already used (within its window). */
    REPLAYED,
    WRONG
  }

  public Status status(UserAccounts.User user) {
    boolean enrolled = enrolled(user);
    return new Status(
        enrolled, required(user), enrolled ? repository.unusedRecoveryCodes(user.id()) : 0);
  }

  /** Whether the user has a confirmed second factor. */
  public boolean enrolled(UserAccounts.User user) {
    return repository.of(user.id()).flatMap(SecondFactorRepository.Stored::confirmedAt).isPresent();
  }

  /** Whether the user's roles must have a second factor before signing in. */
  public boolean required(UserAccounts.User user) {
    return user.roles().stream().anyMatch(settings.requiredRoles()::contains);
  }

  /**
   * Begins an enrolment with a new secret (replacing one not yet confirmed); empty when the user
   * already has a confirmed second factor (reset it first).
   */
  @Transactional
  public Optional<Enrolment> begin(UserAccounts.User user) {
    byte[] secret = secrets.newSecret();
    if (!repository.begin(user.id(), secrets.seal(user.id(), secret), clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(
        new Enrolment(
            Totp.base32(secret), Totp.uri(settings.totpIssuer(), user.username(), secret)));
  }

  /** The enrolment begun and not confirmed yet, to show it again. */
  public Optional<Enrolment> pending(UserAccounts.User user) {
    return repository
        .of(user.id())
        .filter(stored -> stored.confirmedAt().isEmpty())
        .map(stored -> secrets.open(user.id(), stored.secret()))
        .map(
            secret ->
                new Enrolment(
                    Totp.base32(secret), Totp.uri(settings.totpIssuer(), user.username(), secret)));
  }

  /**
   * Confirms the enrolment with a code of the app: returns the recovery codes, shown this once;
   * empty when the code is not right or nothing is being enrolled.
   */
  @Transactional
  public Optional<List<String>> confirm(UserAccounts.User user, String code) {
    Optional<SecondFactorRepository.Stored> stored =
        repository.of(user.id()).filter(s -> s.confirmedAt().isEmpty());
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    OptionalLong step =
        Totp.matchingStep(secrets.open(user.id(), stored.get().secret()), code, clock.instant());
    if (step.isEmpty() || !repository.use(user.id(), step.getAsLong())) {
      return Optional.empty();
    }
    repository.confirm(user.id(), clock.instant());
    List<String> codes = newRecoveryCodes(user);
    audit.append(
        "user", user.username(), "user.second-factor-enrolled", user.username(), null, "{}");
    return Optional.of(codes);
  }

  /**
   * Checks a code of the app or a recovery code of a user with a confirmed second factor (wrong for
   * a user without one).
   */
  @Transactional
  public Check check(UserAccounts.User user, String typed) {
    Optional<SecondFactorRepository.Stored> stored =
        repository.of(user.id()).filter(s -> s.confirmedAt().isPresent());
    if (stored.isEmpty()) {
      // reset by an admin while the user was on the code page: they start again with the password
      return Check.WRONG;
    }
    String code = typed == null ? "" : typed.strip();
    if (code.replaceAll("\\s", "").matches("\\d{" + Totp.DIGITS + "}")) {
      Instant now = clock.instant();
      OptionalLong step =
          Totp.matchingStep(secrets.open(user.id(), stored.get().secret()), code, now);
      if (step.isEmpty()) {
        return Check.WRONG;
      }
      return repository.use(user.id(), step.getAsLong()) ? Check.CODE : Check.REPLAYED;
    }
    if (repository.useRecoveryCode(user.id(), hash(normalised(code)), clock.instant())) {
      audit.append(
          "user",
          user.username(),
          "user.recovery-code-used",
          user.username(),
          null,
          "{\"left\":" + repository.unusedRecoveryCodes(user.id()) + "}");
      return Check.RECOVERY_CODE;
    }
    return Check.WRONG;
  }

  /** New recovery codes for a user with a second factor (the old ones stop working). */
  @Transactional
  public Optional<List<String>> renewRecoveryCodes(UserAccounts.User user) {
    if (!enrolled(user)) {
      return Optional.empty();
    }
    List<String> codes = newRecoveryCodes(user);
    audit.append(
        "user", user.username(), "user.recovery-codes-renewed", user.username(), null, "{}");
    return Optional.of(codes);
  }

  /**
   * Removes a user's second factor and recovery codes (an admin does this for a user who lost their
   * phone); the next sign-in needs the password alone, or an enrolment if the role requires one.
   * False when the user had none.
   */
  @Transactional
  public boolean reset(UserAccounts.User user, String actor) {
    boolean removed = repository.remove(user.id());
    if (removed) {
      audit.append("user", user.username(), "user.second-factor-reset", actor, null, "{}");
    }
    return removed;
  }

  private List<String> newRecoveryCodes(UserAccounts.User user) {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < RECOVERY_CODES; i++) {
      codes.add(recoveryCode());
    }
    repository.replaceRecoveryCodes(
        user.id(), codes.stream().map(c -> hash(normalised(c))).toList());
    return Collections.unmodifiableList(codes);
  }

  /** Sixteen letters and digits that cannot be mistaken for each other, in groups of four. */
  private String recoveryCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      if (i > 0 && i % 4 == 0) {
        code.append('-');
      }
      code.append(RECOVERY_LETTERS.charAt(random.nextInt(RECOVERY_LETTERS.length())));
    }
    return code.toString();
  }

  private static String normalised(String code) {
    return code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
  }

  private static String hash(String code) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
