package io.servicebook.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.mail.MailReader.Reading;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading mail without a server: what opens a case, what does not, and what the case shows. */
class MailReadingUnitTests {

  private static final Set<String> OWN = Set.of("support@acme.example");

  private static Reading read(String headers, String body) {
    String raw = headers.replace("\n", "\r\n") + "\r\n" + body.replace("\n", "\r\n");
    return MailReader.read(raw.getBytes(StandardCharsets.UTF_8), OWN);
  }

  @Test
  void aReplysQuotedHistoryIsFoldedAwayAndKept() {
    MailText.Folded folded =
        MailText.fold("Still broken.\n\nOn Tue, 1 Dec 2026, ACME wrote:\n> Try again\n> please");
    assertThat(folded.fresh()).isEqualTo("Still broken.");
    assertThat(folded.quoted()).contains("On Tue, 1 Dec 2026, ACME wrote:\n> Try again\n> please");
    assertThat(MailText.fold("> only a quote").quoted())
        .as("nothing left: nothing folded")
        .isEmpty();
    assertThat(
            MailText.fold("Danke!\n\nAm 1. Dez. 2026 schrieb ACME <s@a.example>:\n> Hallo").fresh())
        .isEqualTo("Danke!");
    assertThat(MailText.fold("Thanks\n\nFrom: ACME\nSent: Monday\nSubject: x").fresh())
        .isEqualTo("Thanks");
  }

  @Test
  void htmlBecomesTextWithoutScriptsOrStyles() {
    assertThat(
            MailText.fromHtml(
                "<style>p{color:red}</style><p>Hello&nbsp;<b>there</b></p><script>alert(1)</script>"
                    + "<ul><li>one</li><li>two</li></ul><p>5 &lt; 6 &amp; &#x263A;</p>"))
        .isEqualTo("Hello there\n• one\n• two\n5 < 6 & ☺");
  }

  @Test
  void machinesMailOpensNoCase() {
    assertThat(read("From: a@example.com\nAuto-Submitted: auto-replied\n", "away"))
        .isInstanceOf(Reading.Ignored.class);
    assertThat(read("From: a@example.com\nAuto-Submitted: no\nSubject: hi\n", "a person"))
        .isInstanceOf(Reading.CustomerMail.class);
    assertThat(read("From: a@example.com\nPrecedence: list\n", "news"))
        .isInstanceOf(Reading.Ignored.class);
    assertThat(read("From: a@example.com\nX-Autorespond: yes\n", "away"))
        .isInstanceOf(Reading.Ignored.class);
    assertThat(read("From: Support <SUPPORT@acme.example>\n", "loop"))
        .isInstanceOf(Reading.Ignored.class);
  }

  @Test
  void aMailWithoutMessageIdGetsAStableOne() {
    Reading first = read("From: a@example.com\nSubject: no id\n", "hello");
    Reading again = read("From: a@example.com\nSubject: no id\n", "hello");
    assertThat(((Reading.CustomerMail) first).messageId())
        .startsWith("<sha256-")
        .isEqualTo(((Reading.CustomerMail) again).messageId());
  }

  @Test
  void theCaseTokenAndReferencesAreRead() {
    Reading.CustomerMail mail =
        (Reading.CustomerMail)
            read(
                "From: \"Ada L\" <ada@example.com>\nSubject: Re: AW: Refund [sb-7qk2kd]\n"
                    + "Message-ID: <2@example.com>\nIn-Reply-To: <1@acme.example>\n"
                    + "References: <0@example.com> <1@acme.example>\nContent-Language: de-DE, en\n",
                "ok");
    assertThat(mail.caseToken()).contains("SB-7QK2KD");
    assertThat(mail.references()).containsExactly("<1@acme.example>", "<0@example.com>");
    assertThat(mail.language()).contains("de-de");
    assertThat(mail.senderName()).isEqualTo("Ada L");
    assertThat(MailReader.caseSubject(mail.subject())).isEqualTo("Refund");
  }

  @Test
  void aMailWithoutSenderIsUnreadable() {
    assertThat(read("Subject: who?\nMessage-ID: <x@example.com>\n", "body"))
        .isEqualTo(
            new Reading.Unreadable(
                Optional.of("<x@example.com>"), "it names no sender address (From) to answer"));
  }

  @Test
  void contentIsSniffedFromTheBytes() {
    assertThat(ContentSniffer.sniff("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("application/pdf");
    assertThat(ContentSniffer.sniff(new byte[] {'M', 'Z', (byte) 0x90, 0}))
        .isEqualTo("application/x-msdownload");
    assertThat(ContentSniffer.sniff("plain words\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("text/plain");
    assertThat(ContentSniffer.sniff("<html><script>x</script>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("text/html");
    assertThat(ContentSniffer.sniff(new byte[] {1, 2, 3})).isEqualTo("application/octet-stream");
  }

  @Test
  void aRefusedSmtpAnswerFailsAndATemporaryOneRetries() {
    assertThat(
            SmtpDelivery.judged(
                new org.eclipse.angus.mail.smtp.SMTPSendFailedException(
                    "DATA", 550, "550 5.7.1 rejected", null, null, null, null)))
        .isInstanceOf(io.servicebook.server.channels.Delivery.Result.Failed.class);
    assertThat(
            SmtpDelivery.judged(
                new org.eclipse.angus.mail.smtp.SMTPSendFailedException(
                    "DATA", 451, "451 4.3.0 try later", null, null, null, null)))
        .isInstanceOf(io.servicebook.server.channels.Delivery.Result.Retry.class);
    assertThat(
            SmtpDelivery.judged(
                new jakarta.mail.MessagingException(
                    "connect", new java.net.ConnectException("Connection refused"))))
        .isInstanceOf(io.servicebook.server.channels.Delivery.Result.Retry.class);
  }
}
