package io.servicebook.script;

import java.util.Map;

/**
 * Turns a parsed script into plain Mustache for JMustache.
 *
 * <p>Each tag is written back in canonical form (comments lose their text). A fallback placeholder
 * {@code {{x | default: "text"}}} becomes {@code {{#x}}{{x}}{{/x}}{{^x}}{{fb}}{{/x}}}, where {@code
 * fb} is a fresh variable put into the rendering context with the fallback text as its value, so
 * the fallback is used literally whatever characters it contains.
 */
final class MustacheSource {

  private static final String FALLBACK_PREFIX = "servicebook_fallback_";

  private final Map<String, Object> context;
  private int fallbacks;

  /**
   * @param context the root rendering context; fallback texts are added to it
   */
  MustacheSource(Map<String, Object> context) {
    this.context = context;
  }

  /**
   * @throws IllegalArgumentException naming {@code what} if the text has a syntax error
   */
  String translate(String text, String what) {
    ScriptParser.Parsed parsed = ScriptParser.parse(text);
    if (!parsed.ok()) {
      throw new IllegalArgumentException(
          what + " has a syntax error: " + parsed.syntaxProblems().get(0).message());
    }
    return translate(parsed, text);
  }

  String translate(ScriptParser.Parsed parsed, String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    int from = 0;
    for (ScriptParser.Tag tag : parsed.tags()) {
      out.append(text, from, tag.start());
      String name = tag.name();
      switch (tag.kind()) {
        case COMMENT -> out.append("{{!}}");
        case SECTION -> out.append("{{#").append(name).append("}}");
        case INVERTED -> out.append("{{^").append(name).append("}}");
        case CLOSE -> out.append("{{/").append(name).append("}}");
        case PARTIAL ->
            // The empty comment keeps a fragment on a line of its own from being a Mustache
            // "standalone" tag, which would swallow the line break after it: a fragment is
            // inserted exactly where its tag stands.
            out.append("{{>").append(name).append("}}{{!}}");
        case VARIABLE -> {
          if (tag.fallback() == null) {
            out.append("{{&").append(name).append("}}");
          } else {
            String fallback = FALLBACK_PREFIX + fallbacks++;
            context.put(fallback, tag.fallback());
            out.append("{{#").append(name).append("}}{{&").append(name).append("}}{{/");
            out.append(name).append("}}{{^").append(name).append("}}{{&").append(fallback);
            out.append("}}{{/").append(name).append("}}");
          }
        }
      }
      from = tag.end();
    }
    out.append(text, from, text.length());
    return out.toString();
  }
}
