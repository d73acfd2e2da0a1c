package io.servicebook.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schemas (draft 2020-12) of the three kinds of file in a protocol pack: protocols,
 * business calendars and fragments. Editors' YAML plugins use them for completion, tooltips and
 * early errors; the reader remains the authority on what a file means.
 */
public final class Schemas {

  /** The base of every schema's {@code $id}. */
  public static final String BASE = "https://servicebook.dev/schema/";

  private static final String PROTOCOL = load("protocol.schema.json");
  private static final String CALENDAR = load("calendar.schema.json");
  private static final String FRAGMENT = load("fragment.schema.json");
  private static final String BUNDLE = bundle(PROTOCOL, CALENDAR, FRAGMENT);

  private Schemas() {}

  /** The schema of a protocol file. */
  public static String protocol() {
    return PROTOCOL;
  }

  /** The schema of a business calendar file ({@code calendars/NAME.yaml}). */
  public static String calendar() {
    return CALENDAR;
  }

  /** The schema of a fragment file ({@code fragments/NAME.yaml}). */
  public static String fragment() {
    return FRAGMENT;
  }

  /**
   * One schema for any file of a pack: the three schemas as embedded resources under {@code $defs},
   * and an {@code anyOf} that refers to them by their {@code $id}.
   */
  public static String bundle() {
    return BUNDLE;
  }

  private static String bundle(String protocol, String calendar, String fragment) {
    return """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "%1$sservicebook.schema.json",
          "title": "Servicebook pack file",
          "description": "Any file of a protocol pack: a protocol, a business calendar or a fragment.",
          "anyOf": [
            {"$ref": "%1$sprotocol.schema.json"},
            {"$ref": "%1$scalendar.schema.json"},
            {"$ref": "%1$sfragment.schema.json"}
          ],
          "$defs": {
            "protocol": %2$s,
            "calendar": %3$s,
            "fragment": %4$s
          }
        }
        """
        .formatted(BASE, protocol.strip(), calendar.strip(), fragment.strip());
  }

  private static String load(String name) {
    try (InputStream in = Schemas.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource io/servicebook/schema/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + name, e);
    }
  }
}
