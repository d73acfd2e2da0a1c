package io.servicebook.server.mail;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

/**
 * The IMAP commands the fetcher uses, by UID rather than by message number (UIDs stay the same
 * while other clients delete mail), each for many mails at once: some servers (GreenMail among
 * them) walk the whole folder for every FETCH command, so one command per mail would cost the
 * square of the folder's size. Unsolicited answers (new mail, deletions) still reach the folder.
 */
final class ImapUids {

  private ImapUids() {}

  /** The UIDs of the folder's mails not yet marked seen, oldest first. */
  static long[] unseen(IMAPFolder folder) throws MessagingException {
    return (long[])
        folder.doCommand(
            protocol -> {
              Response[] answers = protocol.command("UID SEARCH UNSEEN", null);
              List<Long> uids = new ArrayList<>();
              for (Response answer : answers) {
                if (answer instanceof IMAPResponse line && line.keyEquals("SEARCH")) {
                  for (long uid = line.readLong(); uid != -1; uid = line.readLong()) {
                    uids.add(uid);
                  }
                }
              }
              protocol.notifyResponseHandlers(answers);
              protocol.handleResult(answers[answers.length - 1]);
              return uids.stream().mapToLong(Long::longValue).sorted().toArray();
            });
  }

  /**
   * The mails' sizes by UID, in one command, so that they can be fetched in groups that fit in
   * memory; a mail deleted meanwhile is missing.
   */
  static Map<Long, Long> sizes(IMAPFolder folder, List<Long> uids) throws MessagingException {
    return fetch(
        folder,
        uids,
        "RFC822.SIZE",
        answer -> Optional.ofNullable(answer.getItem(RFC822SIZE.class)).map(s -> s.size));
  }

  /**
   * The mails' bytes as they are on the server, by UID, in one command, without marking them seen;
   * a mail deleted meanwhile is missing.
   */
  static Map<Long, byte[]> raw(IMAPFolder folder, List<Long> uids) throws MessagingException {
    return fetch(
        folder,
        uids,
        "BODY.PEEK[]",
        answer ->
            Optional.ofNullable(answer.getItem(BODY.class))
                .map(
                    body ->
                        body.getByteArrayInputStream() == null
                            ? new byte[0]
                            : body.getByteArrayInputStream().readAllBytes()));
  }

  @SuppressWarnings("unchecked")
  private static <T> Map<Long, T> fetch(
      IMAPFolder folder, List<Long> uids, String item, Function<FetchResponse, Optional<T>> read)
      throws MessagingException {
    String set = set(uids);
    return (Map<Long, T>)
        folder.doCommand(
            protocol -> {
              Response[] answers =
                  protocol.command("UID FETCH " + set + " (UID " + item + ")", null);
              Map<Long, T> found = new HashMap<>();
              for (Response answer : answers) {
                if (answer instanceof FetchResponse fetched) {
                  UID uid = fetched.getItem(UID.class);
                  if (uid != null) {
                    read.apply(fetched).ifPresent(value -> found.put(uid.uid, value));
                  }
                }
              }
              protocol.notifyResponseHandlers(answers);
              protocol.handleResult(answers[answers.length - 1]);
              return found;
            });
  }

  /** The UIDs as an IMAP set, runs of consecutive ones as ranges: {@code 4:9,12}. */
  static String set(List<Long> uids) {
    return UIDSet.toString(
        UIDSet.createUIDSets(uids.stream().mapToLong(Long::longValue).sorted().toArray()));
  }

  /** Marks the mails seen, in one command. */
  static void markSeen(IMAPFolder folder, List<Long> uids) throws MessagingException {
    String set = set(uids);
    folder.doCommand(
        protocol -> {
          Response[] answers =
              protocol.command("UID STORE " + set + " +FLAGS.SILENT (\\Seen)", null);
          protocol.notifyResponseHandlers(answers);
          protocol.handleResult(answers[answers.length - 1]);
          return null;
        });
  }
}
