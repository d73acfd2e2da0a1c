package io.servicebook.server.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mailbox's watcher thread: while this node holds the mailbox's lease it keeps a connection,
 * settles the unseen mails, then waits for new ones with IMAP IDLE (woken after the poll interval
 * at the latest, to renew the lease) or, without IDLE, sleeps the poll interval. A failure is
 * recorded in the mailbox's health and the connection made again after a pause.
 */
final class MailboxWatch implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(MailboxWatch.class);

  final Mailbox mailbox;
  private final MailFetching fetching;
  private final ScheduledExecutorService waker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("mail-waker").factory());
  private Thread thread;
  private volatile boolean stopped;
  private volatile Store store;

  MailboxWatch(Mailbox mailbox, MailFetching fetching) {
    this.mailbox = mailbox;
    this.fetching = fetching;
  }

  MailboxWatch started() {
    thread = Thread.ofPlatform().daemon().name("mail-fetch-" + mailbox.address()).start(this);
    return this;
  }

  boolean alive() {
    return thread != null && thread.isAlive();
  }

  void stop() {
    stopped = true;
    waker.shutdownNow();
    closeQuietly();
    if (thread != null) {
      thread.interrupt();
    }
    fetching.release(mailbox);
  }

  @Override
  public void run() {
    Duration poll = Duration.ofSeconds(mailbox.pollSeconds());
    while (!stopped && fetching.running()) {
      try {
        if (!fetching.lease(mailbox)) {
          closeQuietly();
          sleep(poll);
          continue;
        }
        if (store == null || !store.isConnected()) {
          store = fetching.connect(mailbox);
        }
        Folder folder = store.getFolder(mailbox.imapFolder());
        folder.open(Folder.READ_WRITE);
        try {
          while (!stopped && fetching.fetch(mailbox, folder) > 0 && fetching.lease(mailbox)) {
            // more mail may have come meanwhile: settle it before waiting
          }
          if (!stopped) {
            waitForMail(folder, poll);
          }
        } finally {
          if (folder.isOpen()) {
            folder.close(false);
          }
        }
      } catch (MessagingException | RuntimeException e) {
        if (stopped) {
          break;
        }
        fetching.failed(mailbox, e);
        closeQuietly();
        sleep(poll);
      }
    }
    closeQuietly();
  }

  /**
   * IDLE until the server tells of a change, or until the poll interval passed (another thread's
   * command on the folder ends the IDLE); a plain sleep on servers without IDLE.
   */
  private void waitForMail(Folder folder, Duration poll) throws MessagingException {
    if (folder instanceof IMAPFolder imap
        && store instanceof IMAPStore imapStore
        && imapStore.hasCapability("IDLE")) {
      ScheduledFuture<?> wake =
          waker.schedule(
              () -> {
                try {
                  imap.doCommand(
                      protocol -> {
                        protocol.simpleCommand("NOOP", null);
                        return null;
                      });
                } catch (MessagingException | RuntimeException e) {
                  log.debug(
                      "Mailbox {}: waking the IDLE failed: {}", mailbox.address(), e.toString());
                }
              },
              poll.toMillis(),
              TimeUnit.MILLISECONDS);
      try {
        imap.idle(true);
      } finally {
        wake.cancel(false);
      }
    } else {
      sleep(poll);
    }
  }

  private void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  private void closeQuietly() {
    Store open = store;
    store = null;
    if (open != null) {
      try {
        open.close();
      } catch (MessagingException e) {
        // closing a broken connection: nothing left to do
      }
    }
  }
}
