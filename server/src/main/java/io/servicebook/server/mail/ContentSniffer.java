package io.servicebook.server.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What an attachment's bytes are, from their first bytes rather than from what the mail claims: a
 * file called invoice.pdf that starts like an executable is an executable. What no signature names
 * is {@code text/plain} when it reads as UTF-8 without control characters, else {@code
 * application/octet-stream}.
 */
final class ContentSniffer {

  private ContentSniffer() {}

  private record Signature(String type, int offset, byte[] magic) {}

  private static Signature of(String type, int offset, int... bytes) {
    byte[] magic = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      magic[i] = (byte) bytes[i];
    }
    return new Signature(type, offset, magic);
  }

  private static final List<Signature> SIGNATURES =
      List.of(
          of("application/pdf", 0, '%', 'P', 'D', 'F', '-'),
          of("image/png", 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A),
          of("image/jpeg", 0, 0xFF, 0xD8, 0xFF),
          of("image/gif", 0, 'G', 'I', 'F', '8'),
          of("image/webp", 8, 'W', 'E', 'B', 'P'),
          of("image/bmp", 0, 'B', 'M'),
          of("image/tiff", 0, 'I', 'I', 0x2A, 0x00),
          of("image/tiff", 0, 'M', 'M', 0x00, 0x2A),
          of("application/zip", 0, 'P', 'K', 0x03, 0x04),
          of("application/gzip", 0, 0x1F, 0x8B),
          of("application/x-7z-compressed", 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C),
          of("application/x-rar-compressed", 0, 'R', 'a', 'r', '!'),
          of("application/x-msdownload", 0, 'M', 'Z'),
          of("application/x-executable", 0, 0x7F, 'E', 'L', 'F'),
          of("application/x-ole-storage", 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1),
          of("audio/mpeg", 0, 'I', 'D', '3'),
          of("video/mp4", 4, 'f', 't', 'y', 'p'));

  static String sniff(byte[] content) {
    for (Signature s : SIGNATURES) {
      if (content.length >= s.offset() + s.magic().length
          && Arrays.equals(
              content, s.offset(), s.offset() + s.magic().length, s.magic(), 0, s.magic().length)) {
        return s.type();
      }
    }
    String head =
        new String(content, 0, Math.min(content.length, 512), StandardCharsets.UTF_8)
            .stripLeading()
            .toLowerCase(java.util.Locale.ROOT);
    if (readsAsText(content)) {
      if (head.startsWith("<!doctype html") || head.startsWith("<html")) {
        return "text/html";
      }
      return "text/plain";
    }
    return "application/octet-stream";
  }

  private static boolean readsAsText(byte[] content) {
    int length = Math.min(content.length, 8192);
    for (int i = 0; i < length; i++) {
      int b = content[i] & 0xFF;
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x0C) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content, 0, content.length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
