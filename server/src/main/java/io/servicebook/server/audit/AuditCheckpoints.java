package io.servicebook.server.audit;

import io.servicebook.server.audit.AuditVerification.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed checkpoints of the audit trail, one JSON line each, appended to a file outside the
 * database ({@code audit-checkpoints.jsonl} in the data directory) and synced to disk: the head
 * (length and newest hash) of every chain that changed since the checkpoint before the last one,
 * signed with Ed25519 ({@link CheckpointKeys}). What a checkpoint vouched for cannot be rewritten
 * in the database without showing, even by someone who has the HMAC key, as long as they cannot
 * sign checkpoints.
 */
public final class AuditCheckpoints {

  private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SIGNATURE = ",\"signature\":\"";

  /** What a checkpoint vouched for about one chain: its length and newest hash, and when. */
  record Head(long length, String hash, Instant at) {}

  /** Everything the checkpoints vouch for, folded: the longest head of each chain. */
  record Vouched(
      int checkpoints,
      Map<Subject, Head> chains,
      OptionalLong legacyCeiling,
      List<Problem> problems) {}

  /** A checkpoint written: when, up to which row, how many chain heads, where. */
  public record Written(Instant at, long maxEventId, int chains, Path file) {}

  private final AuditTrailRepository trail;
  private final Clock clock;
  private final Path file;

  /** The most chains one line names: a line is built and signed in memory. */
  static final int LINE_CHAINS = 10_000;

  private final CheckpointKeys keys;
  private final String node;
  private final int lineChains;
  private long[] recent;

  AuditCheckpoints(AuditTrailRepository trail, Clock clock, AuditSettings settings, Path dataDir) {
    this(trail, clock, settings, dataDir, LINE_CHAINS);
  }

  AuditCheckpoints(
      AuditTrailRepository trail,
      Clock clock,
      AuditSettings settings,
      Path dataDir,
      int lineChains) {
    this.lineChains = lineChains;
    this.trail = trail;
    this.clock = clock;
    this.file = settings.checkpointFile(dataDir);
    this.keys = new CheckpointKeys(settings, dataDir);
    this.node = node();
  }

  /** Where the checkpoints go. */
  public Path file() {
    return file;
  }

  /**
   * Writes a checkpoint of the chains that changed; with {@code evenIfUnchanged} false, nothing
   * when no row was added since the last checkpoint of this process. A checkpoint of many chains is
   * written as several lines, each signed, of at most {@link #LINE_CHAINS} chains.
   */
  public synchronized Optional<Written> write(boolean evenIfUnchanged) {
    if (recent == null) {
      recent = lastTwoMaxima();
    }
    long max = trail.maxEventId();
    if (!evenIfUnchanged && max == recent[0]) {
      return Optional.empty();
    }
    // the heads of chains changed since the checkpoint before the last: a row whose transaction
    // was still open at the last checkpoint (its id below that one's newest) is taken in here
    long since = recent[1];
    Instant at = clock.instant();
    long legacy = trail.legacyCeiling();
    KeyPair pair = keys.signing();
    int chains = 0;
    Optional<Subject> after = Optional.empty();
    List<AuditTrailRepository.ChainHead> heads;
    do {
      heads = trail.headsChangedSince(since, after, lineChains);
      append(signed(pair, at, max, since, legacy, heads));
      chains += heads.size();
      after = heads.isEmpty() ? after : Optional.of(heads.getLast().subject());
    } while (heads.size() == lineChains);
    if (max != recent[0]) {
      recent = new long[] {max, recent[0]};
    }
    return Optional.of(new Written(at, max, chains, file));
  }

  private String signed(
      KeyPair pair,
      Instant at,
      long max,
      long since,
      long legacy,
      List<AuditTrailRepository.ChainHead> heads) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("v", 1);
    line.put("at", at.toString());
    line.put("node", node);
    line.put("max_event_id", max);
    line.put("since_event_id", since);
    line.put("legacy_last_event_id", legacy);
    line.put(
        "chains",
        heads.stream()
            .map(h -> List.of(h.subject().type(), h.subject().id(), h.length(), h.hash()))
            .toList());
    line.put("key", CheckpointKeys.idOf(pair.getPublic()));
    String payload = JSON.writeValueAsString(line);
    return payload.substring(0, payload.length() - 1)
        + SIGNATURE
        + Base64.getEncoder().encodeToString(CheckpointKeys.sign(pair.getPrivate(), payload))
        + "\"}";
  }

  /** Reads and checks every line: signatures, keys, and what they vouch for, folded. */
  Vouched read() {
    Map<Subject, Head> chains = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    long[] legacy = {Long.MAX_VALUE};
    if (!Files.exists(file)) {
      return new Vouched(0, chains, OptionalLong.empty(), problems);
    }
    Map<String, PublicKey> trusted = keys.trusted();
    boolean complete = endsWithNewline();
    java.util.Set<String> checkpoints = new java.util.HashSet<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int number = 0;
      String pending = null;
      while ((text = in.readLine()) != null) {
        if (pending != null) {
          fold(pending, number, trusted, chains, problems, legacy).ifPresent(checkpoints::add);
        }
        number++;
        pending = text;
      }
      if (pending != null) {
        if (!complete && parse(pending).isEmpty()) {
          log.warn("The last line of {} is incomplete (a crash while writing it?)", file);
        } else {
          fold(pending, number, trusted, chains, problems, legacy).ifPresent(checkpoints::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the audit checkpoints " + file, e);
    }
    return new Vouched(
        checkpoints.size(),
        chains,
        legacy[0] == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(legacy[0]),
        problems);
  }

  /**
   * Checks one line and folds it in (the lowest newest-unkeyed-row into {@code legacy}); the
   * checkpoint it belongs to (node, time and newest row: a checkpoint may take several lines) when
   * it is good.
   */
  private Optional<String> fold(
      String text,
      int number,
      Map<String, PublicKey> trusted,
      Map<Subject, Head> chains,
      List<Problem> problems,
      long[] legacy) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    String where = "line " + number + " of " + file;
    Optional<JsonNode> parsed = parse(text);
    int cut = text.lastIndexOf(SIGNATURE);
    if (parsed.isEmpty() || cut < 0 || !text.endsWith("\"}")) {
      problems.add(invalid(where + " is not a signed checkpoint: it was changed or garbled"));
      return Optional.empty();
    }
    JsonNode line = parsed.get();
    String keyId = line.path("key").asString("");
    PublicKey key = trusted.get(keyId);
    if (key == null) {
      problems.add(
          invalid(
              where
                  + " is signed with checkpoint key `"
                  + keyId
                  + "`, which is not among the trusted ones "
                  + trusted.keySet()
                  + " ("
                  + keys.publicKeys()
                  + " or SERVICEBOOK_AUDIT_CHECKPOINTPUBLICKEY)"));
      return Optional.empty();
    }
    String payload = text.substring(0, cut) + "}";
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(line.path("signature").asString(""));
    } catch (IllegalArgumentException e) {
      signature = new byte[0];
    }
    if (!CheckpointKeys.verifies(key, payload, signature)) {
      problems.add(
          invalid(where + ": its signature does not verify: the checkpoint line was changed"));
      return Optional.empty();
    }
    Instant at = Instant.parse(line.path("at").asString());
    if (line.has("legacy_last_event_id")) {
      legacy[0] = Math.min(legacy[0], line.get("legacy_last_event_id").asLong());
    }
    for (JsonNode chain : line.path("chains")) {
      Subject subject = new Subject(chain.get(0).asString(), chain.get(1).asString());
      Head head = new Head(chain.get(2).asLong(), chain.get(3).asString(), at);
      Head known = chains.get(subject);
      if (known == null || head.length() > known.length()) {
        chains.put(subject, head);
      } else if (head.length() == known.length() && !head.hash().equals(known.hash())) {
        problems.add(
            new Problem(
                "checkpoint-mismatch",
                null,
                subject.type(),
                subject.id(),
                "the checkpoints of "
                    + known.at()
                    + " and "
                    + at
                    + " vouched for different rows "
                    + head.length()
                    + " of this chain: it was rewritten between them"));
      }
    }
    return Optional.of(
        line.path("node").asString("") + " " + at + " " + line.path("max_event_id").asLong());
  }

  private static Problem invalid(String detail) {
    return new Problem("checkpoint-invalid", null, null, null, detail);
  }

  private static Optional<JsonNode> parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  private boolean endsWithNewline() {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      if (raf.length() == 0) {
        return true;
      }
      raf.seek(raf.length() - 1);
      return raf.read() == '\n';
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the audit checkpoints " + file, e);
    }
  }

  /**
   * The newest rows of the last two checkpoints in the file (a checkpoint's lines share theirs),
   * newest first (0 for none).
   */
  private long[] lastTwoMaxima() {
    long[] maxima = {0, 0};
    if (!Files.exists(file)) {
      return maxima;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      while ((text = in.readLine()) != null) {
        Optional<JsonNode> line = parse(text);
        if (line.isPresent() && line.get().has("max_event_id")) {
          long max = line.get().get("max_event_id").asLong();
          if (max != maxima[0]) {
            maxima = new long[] {max, maxima[0]};
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the audit checkpoints " + file, e);
    }
    return maxima;
  }

  /** One write of the whole line, under a lock, then synced to disk. */
  private void append(String line) {
    synchronized (AuditCheckpoints.class) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel channel =
                FileChannel.open(
                    file,
                    EnumSet.of(
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE));
            FileLock lock = channel.lock()) {
          long size = endTornLine(channel);
          String text = line + "\n";
          ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
          long position = size;
          while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
          }
          channel.force(true);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not write the audit checkpoint to " + file, e);
      }
    }
  }

  /**
   * A last line without its newline was cut short by a crash: a whole line is written at once, so
   * it was never a checkpoint and is cut off (or, should it be whole, ended). The new size.
   */
  private long endTornLine(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size == 0 || byteAt(channel, size - 1) == '\n') {
      return size;
    }
    long start = size - 1;
    while (start > 0 && byteAt(channel, start - 1) != '\n') {
      start--;
    }
    ByteBuffer torn = ByteBuffer.allocate((int) Math.min(size - start, Integer.MAX_VALUE - 8));
    channel.read(torn, start);
    String fragment = new String(torn.array(), 0, torn.position(), StandardCharsets.UTF_8);
    if (parse(fragment).isPresent()) {
      channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
      return size + 1;
    }
    log.warn("The last line of {} was cut short ({} bytes); it is removed", file, size - start);
    channel.truncate(start);
    return start;
  }

  private static byte byteAt(FileChannel channel, long position) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    channel.read(one, position);
    return one.get(0);
  }

  private static String node() {
    String host = System.getenv().getOrDefault("HOSTNAME", "");
    if (host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        host = "node";
      }
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
