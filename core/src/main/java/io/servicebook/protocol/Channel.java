package io.servicebook.protocol;

import java.util.Locale;

/** A way customers reach the company, each with its own tone and length of message. */
public enum Channel {
  EMAIL(1500),
  CHAT(300),
  PHONE(600),
  VIDEO(600),
  IN_PERSON(600),
  LETTER(3000),
  SOCIAL(280),
  SMS(160),
  /** The help centre's contact form: the customer writes a form, the answer goes out by email. */
  WEB(1500);

  private final int comfortableScriptLength;

  Channel(int comfortableScriptLength) {
    this.comfortableScriptLength = comfortableScriptLength;
  }

  /** The longest script, in characters, that reads well on this channel. */
  public int comfortableScriptLength() {
    return comfortableScriptLength;
  }

  /** The name used in protocol files, such as {@code in_person}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
