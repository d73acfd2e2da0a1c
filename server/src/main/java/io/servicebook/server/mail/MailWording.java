package io.servicebook.server.mail;

import java.util.Locale;

/**
 * The few words a sent mail adds to the agent's own, in the customer's language (English unless it
 * is German): the reply prefix of the subject and the line asking to keep the case token.
 */
record MailWording(String replyPrefix, String keepToken) {

  static MailWording of(String language) {
    String primary = language.toLowerCase(Locale.ROOT).split("-")[0];
    return switch (primary) {
      case "de" ->
          new MailWording(
              "AW:",
              "Bitte lassen Sie %s im Betreff stehen, wenn Sie antworten: so finden wir"
                  + " Ihren Fall sofort.");
      default ->
          new MailWording(
              "Re:",
              "Please keep %s in the subject when you answer, so we find your case at once.");
    };
  }

  /** {@code Re: Refund [SB-7QK2KD]}: the case's subject once, the token once. */
  String subject(String caseSubject, String token) {
    String bare = MailReader.caseSubject(caseSubject);
    return replyPrefix + " " + bare + (token.isEmpty() ? "" : " [" + token + "]");
  }

  String footer(String token) {
    return token.isEmpty() ? "" : keepToken.formatted("[" + token + "]");
  }
}
