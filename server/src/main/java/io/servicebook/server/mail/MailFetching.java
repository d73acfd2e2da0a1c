package io.servicebook.server.mail;

import io.servicebook.server.KeyFiles;
import io.servicebook.server.web.DatabaseOutage;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fetches the mailboxes: a watcher per enabled mailbox, on the one node that holds its lease, waits
 * with IMAP IDLE where the server has it (else polls every N seconds), reads the unseen mails and
 * marks them seen only after {@link MailIntake} settled each in the database — so a crash in
 * between fetches them again, and their Message-IDs make that harmless.
 */
@Component
class MailFetching {

  private static final Logger log = LoggerFactory.getLogger(MailFetching.class);
  private static final Duration SUPERVISION = Duration.ofSeconds(5);

  private final Mailboxes mailboxes;
  private final MailboxRepository repository;
  private final MailIntake intake;
  private final MailSettings settings;
  private final Clock clock;
  private final String node = KeyFiles.nodeName(100);
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<String, MailboxWatch> watches = new ConcurrentHashMap<>();
  private final ScheduledExecutorService supervisor =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("mail-supervisor").factory());
  private volatile boolean running;

  MailFetching(
      Mailboxes mailboxes,
      MailboxRepository repository,
      MailIntake intake,
      MailSettings settings,
      Clock clock) {
    this.mailboxes = mailboxes;
    this.repository = repository;
    this.intake = intake;
    this.settings = settings;
    this.clock = clock;
  }

  /** How a fetch went: how many mails it settled, or what stopped it. */
  record Fetched(int fetched, Optional<String> error) {}

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!settings.fetching()) {
      return;
    }
    running = true;
    supervisor.scheduleWithFixedDelay(
        this::supervise, 0, SUPERVISION.toMillis(), TimeUnit.MILLISECONDS);
  }

  @EventListener(ContextClosedEvent.class)
  void stop() {
    running = false;
    supervisor.shutdownNow();
    watches.values().forEach(MailboxWatch::stop);
    watches.clear();
  }

  /** Starts a watcher for each enabled mailbox and stops those of mailboxes changed or gone. */
  private void supervise() {
    try {
      Map<String, Mailbox> current = new ConcurrentHashMap<>();
      for (Mailbox m : mailboxes.all()) {
        if (m.enabled()) {
          current.put(m.id(), m);
        }
      }
      watches.forEach(
          (id, watch) -> {
            Mailbox now = current.get(id);
            if (now == null || now.version() != watch.mailbox.version() || !watch.alive()) {
              watch.stop();
              watches.remove(id);
            }
          });
      current.forEach(
          (id, m) -> watches.computeIfAbsent(id, k -> new MailboxWatch(m, this).started()));
    } catch (RuntimeException e) {
      log.warn("The mailboxes could not be read just now: {}", e.toString());
    }
  }

  /** Fetches the mailbox now, on this thread, until no unseen mail is left. */
  Fetched fetchNow(Mailbox mailbox) {
    try (Store store = connect(mailbox)) {
      Folder folder = store.getFolder(mailbox.imapFolder());
      folder.open(Folder.READ_WRITE);
      try {
        int total = 0;
        int batch;
        do {
          batch = fetch(mailbox, folder);
          total += batch;
        } while (batch == settings.batch());
        return new Fetched(total, Optional.empty());
      } finally {
        folder.close(false);
      }
    } catch (MessagingException | RuntimeException e) {
      failed(mailbox, e);
      return new Fetched(0, Optional.of(describe(e)));
    }
  }

  Store connect(Mailbox mailbox) throws MessagingException {
    return MailConnections.store(mailbox, mailboxes.password(mailbox).orElse(""));
  }

  /**
   * Settles up to one batch of the folder's unseen mails, each marked seen after its commit, and
   * records the fetch; answers how many.
   */
  int fetch(Mailbox mailbox, Folder folder) throws MessagingException {
    IMAPFolder imap = (IMAPFolder) folder;
    ReentrantLock lock = locks.computeIfAbsent(mailbox.id(), id -> new ReentrantLock());
    lock.lock();
    try {
      long[] unseen = ImapUids.unseen(imap);
      int count = Math.min(unseen.length, settings.batch());
      List<Long> batch = java.util.Arrays.stream(unseen, 0, count).boxed().toList();
      List<Long> settled = new ArrayList<>();
      try {
        Map<Long, Long> sizes = batch.isEmpty() ? Map.of() : ImapUids.sizes(imap, batch);
        for (List<Long> group : groups(batch, sizes)) {
          Map<Long, byte[]> raws = ImapUids.raw(imap, group);
          for (long uid : group) {
            byte[] raw = raws.get(uid);
            if (raw != null) {
              settle(mailbox, raw);
              settled.add(uid);
            }
          }
        }
      } finally {
        // one command for the batch; every one of them is committed already, so a crash before
        // this only fetches them again, which their Message-IDs make harmless
        if (!settled.isEmpty()) {
          ImapUids.markSeen(imap, settled);
        }
      }
      repository.fetched(mailbox.id(), count, clock.instant());
      return count;
    } finally {
      lock.unlock();
    }
  }

  /** Mails fetched together: up to {@value #GROUP} of them, or {@value #GROUP_BYTES} bytes. */
  private static final int GROUP = 100;

  private static final long GROUP_BYTES = 32L * 1024 * 1024;

  /** The batch in groups that fit in memory, in order; mails deleted meanwhile left out. */
  static List<List<Long>> groups(List<Long> uids, Map<Long, Long> sizes) {
    List<List<Long>> groups = new ArrayList<>();
    List<Long> group = new ArrayList<>();
    long bytes = 0;
    for (long uid : uids) {
      Long size = sizes.get(uid);
      if (size == null) {
        continue;
      }
      if (!group.isEmpty() && (group.size() == GROUP || bytes + size > GROUP_BYTES)) {
        groups.add(group);
        group = new ArrayList<>();
        bytes = 0;
      }
      group.add(uid);
      bytes += size;
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
    return groups;
  }

  /**
   * Takes one mail in. A mail that breaks the intake for another reason than the database being
   * away is kept in the quarantine rather than fetched again and again.
   */
  private void settle(Mailbox mailbox, byte[] raw) {
    try {
      intake.take(mailbox, raw);
    } catch (RuntimeException e) {
      if (DatabaseOutage.causes(e)) {
        throw e;
      }
      log.error("Mailbox {}: a mail could not be taken in", mailbox.address(), e);
      intake.hold(
          mailbox,
          raw,
          new MailReader.Reading.Unreadable(
              MailReader.rawMessageId(raw), "could not be taken in: " + describe(e)));
    }
  }

  void failed(Mailbox mailbox, Exception e) {
    log.warn("Mailbox {}: fetching failed: {}", mailbox.address(), describe(e));
    try {
      repository.failed(mailbox.id(), describe(e), clock.instant());
    } catch (RuntimeException databaseAway) {
      log.warn(
          "Mailbox {}: its health could not be recorded: {}",
          mailbox.address(),
          databaseAway.toString());
    }
  }

  static String describe(Exception e) {
    Throwable cause = e;
    StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      text.append(" (")
          .append(cause.getClass().getSimpleName())
          .append(": ")
          .append(cause.getMessage())
          .append(")");
    }
    return text.toString();
  }

  /** Takes or renews this node's lease on the mailbox, long enough to outlast one wait. */
  boolean lease(Mailbox mailbox) {
    Instant now = clock.instant();
    Duration length = Duration.ofSeconds(mailbox.pollSeconds() * 2L + 10);
    return repository.lease(mailbox.id(), node, now, now.plus(length));
  }

  void release(Mailbox mailbox) {
    try {
      repository.release(mailbox.id(), node);
    } catch (RuntimeException e) {
      // the lease runs out on its own
    }
  }

  boolean running() {
    return running;
  }
}
