package io.servicebook.server.channels;

import io.servicebook.cases.CaseEvent;
import io.servicebook.server.cases.CaseChanges;
import io.servicebook.server.cases.StoredCase;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The short token of each case, such as {@code SB-7QK2KD}: given to a case when it opens (in the
 * same transaction), carried in the subjects of outgoing messages, and read back from the subject
 * of an answer that lost its other threading headers.
 */
@Service
public class CaseReferences implements CaseChanges {

  /** Crockford's base 32: no I, L, O or U, so a token read aloud or retyped stays the same. */
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private static final int LENGTH = 6;
  private static final Pattern IN_SUBJECT =
      Pattern.compile("\\[(SB-[0-9A-Z]{4,12})\\]", Pattern.CASE_INSENSITIVE);

  private final ReferenceRepository repository;
  private final SecureRandom random = new SecureRandom();

  CaseReferences(ReferenceRepository repository) {
    this.repository = repository;
  }

  @Override
  public void changed(StoredCase after, List<CaseEvent> events, String actor) {
    if (events.stream().anyMatch(CaseEvent.CaseOpened.class::isInstance)) {
      String token = newToken();
      while (repository.caseOf(token).isPresent()) {
        token = newToken();
      }
      repository.insert(token, after.kase().id());
    }
  }

  private String newToken() {
    StringBuilder token = new StringBuilder("SB-");
    for (int i = 0; i < LENGTH; i++) {
      token.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return token.toString();
  }

  /** The case's token; empty only for a case that does not exist. */
  public Optional<String> token(String caseId) {
    return repository.tokenOf(caseId);
  }

  /** The case a token names, compared without case. */
  public Optional<String> caseOf(String token) {
    return repository.caseOf(token.strip().toUpperCase(Locale.ROOT));
  }

  /** The first token written in brackets in a subject, such as {@code Re: Refund [SB-7QK2KD]}. */
  public static Optional<String> inSubject(String subject) {
    Matcher matcher = IN_SUBJECT.matcher(subject == null ? "" : subject);
    return matcher.find()
        ? Optional.of(matcher.group(1).toUpperCase(Locale.ROOT))
        : Optional.empty();
  }
}
