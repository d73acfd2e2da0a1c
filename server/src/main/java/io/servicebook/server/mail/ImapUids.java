package io.servicebook.server.mail;

import jakarta.mail.MessagingException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;

/**
 * The IMAP commands the fetcher uses, by UID rather than by message number: UIDs stay the same
 * while other clients delete mail, and servers look a UID up directly, where some (GreenMail among
 * them) walk the whole folder for each message number. Unsolicited answers (new mail, deletions)
 * still reach the folder.
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

  /** The mail's bytes as they are on the server, without marking it seen; empty when deleted. */
  static Optional<byte[]> raw(IMAPFolder folder, long uid) throws MessagingException {
    return Optional.ofNullable(
        (byte[])
            folder.doCommand(
                protocol -> {
                  Response[] answers =
                      protocol.command("UID FETCH " + uid + " (BODY.PEEK[])", null);
                  byte[] raw = null;
                  for (Response answer : answers) {
                    if (answer instanceof FetchResponse fetched) {
                      BODY body = fetched.getItem(BODY.class);
                      if (body != null) {
                        ByteArrayInputStream in = body.getByteArrayInputStream();
                        raw = in == null ? new byte[0] : in.readAllBytes();
                      }
                    }
                  }
                  protocol.notifyResponseHandlers(answers);
                  protocol.handleResult(answers[answers.length - 1]);
                  return raw;
                }));
  }

  /** Marks the mails seen, in one command. */
  static void markSeen(IMAPFolder folder, List<Long> uids) throws MessagingException {
    String set = uids.stream().map(String::valueOf).collect(Collectors.joining(","));
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
