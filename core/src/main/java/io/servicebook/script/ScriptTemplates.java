package io.servicebook.script;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks and renders the scripts of one protocol: Mustache templates over {@code customer.*},
 * {@code case.*}, {@code agent.*} and the protocol's {@code fields.*}, with shared fragments
 * included by {@code {{> name}}}.
 *
 * <p>Besides plain Mustache, a placeholder may carry a fallback for missing values: {@code
 * {{customer.first_name | default: "there"}}} renders the value, or {@code there} when the value is
 * missing, null, or an empty string. The fallback text is written in double quotes; inside it
 * {@code \"} stands for a double quote and {@code \\} for a backslash (any other backslash is an
 * error), and it cannot contain {@code {{} or {@code }}}. The text is used literally, never as a
 * template.
 *
 * <p>Scripts are plain text: nothing is HTML-escaped. Delimiter changes ({@code {{=...=}}}) and
 * template inheritance ({@code {{<}}, {@code {{$}}) are not supported.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ScriptTemplates {

  /**
   * Scripts are plain text; empty strings are false so fallbacks and sections treat them as
   * missing.
   */
  private static final Mustache.Compiler COMPILER =
      Mustache.compiler().escapeHTML(false).emptyStringIsFalse(true).defaultValue("");

  /** More fragment inclusions than this in one rendering means fragments include each other. */
  private static final int MAX_INCLUDES = 1_000;

  private final Vocabulary vocabulary;

  private ScriptTemplates(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /**
   * @param fieldNames the fields the protocol declares, usable as {@code fields.NAME}
   * @param fragmentNames the names of the shared fragments usable as {@code {{> NAME}}}
   */
  public static ScriptTemplates of(Set<String> fieldNames, Set<String> fragmentNames) {
    return new ScriptTemplates(new Vocabulary(Set.copyOf(fieldNames), Set.copyOf(fragmentNames)));
  }

  /**
   * Finds every problem in a script template: syntax errors, placeholders naming nothing a script
   * can use, and unknown fragments. Never throws; an empty list means the template is fine.
   */
  public List<ScriptProblem> check(String template) {
    if (template == null) {
      return List.of();
    }
    try {
      return findProblems(template);
    } catch (RuntimeException e) {
      return List.of(
          new ScriptProblem(1, 1, "", "This script could not be read: " + e.getMessage()));
    }
  }

  private List<ScriptProblem> findProblems(String template) {
    ScriptParser.Parsed parsed = ScriptParser.parse(template);
    List<ScriptProblem> problems = new ArrayList<>(parsed.syntaxProblems());
    for (ScriptParser.Tag tag : parsed.tags()) {
      switch (tag.kind()) {
        case VARIABLE, SECTION, INVERTED -> {
          if (!vocabulary.isVariable(tag.name())) {
            problems.add(
                new ScriptProblem(
                    tag.line(),
                    tag.column(),
                    tag.name(),
                    vocabulary.unknownVariable(tag.display(), tag.name())));
          }
        }
        case PARTIAL -> {
          if (!vocabulary.isFragment(tag.name())) {
            problems.add(
                new ScriptProblem(
                    tag.line(),
                    tag.column(),
                    tag.name(),
                    vocabulary.unknownFragment(tag.display(), tag.name())));
          }
        }
        default -> {}
      }
    }
    if (parsed.ok()) {
      // Safety net: JMustache must accept what the parser accepted.
      try {
        COMPILER.compile(new MustacheSource(new HashMap<>()).translate(parsed, template));
      } catch (MustacheException e) {
        problems.add(
            new ScriptProblem(1, 1, "", "This script could not be read: " + e.getMessage()));
      }
    }
    problems.sort(
        Comparator.comparingInt(ScriptProblem::line).thenComparingInt(ScriptProblem::column));
    return List.copyOf(problems);
  }

  /**
   * The variable names a template uses, in order of first use, for example {@code
   * customer.first_name} or {@code fields.order_number}, including names that are not known. Empty
   * when the template has a syntax error.
   */
  public Set<String> placeholders(String template) {
    ScriptParser.Parsed parsed = ScriptParser.parse(Objects.requireNonNull(template, "template"));
    if (!parsed.ok()) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (ScriptParser.Tag tag : parsed.tags()) {
      switch (tag.kind()) {
        case VARIABLE, SECTION, INVERTED -> names.add(tag.name());
        default -> {}
      }
    }
    return Collections.unmodifiableSet(names);
  }

  /**
   * Renders a template for a real case.
   *
   * @param values the values by root: {@code "customer"}, {@code "case"}, {@code "agent"} and
   *     {@code "fields"}, each usually a {@code Map<String, Object>}; missing or null values render
   *     as an empty string, or as the placeholder's fallback
   * @param fragments the fragment texts for the script's language by name; each is itself a
   *     template, rendered with the same values. A fragment that is not given renders as nothing.
   * @throws IllegalArgumentException if the template or an included fragment has a syntax error
   *     (see {@link #check}), or if fragments include each other endlessly
   */
  public String render(String template, Map<String, Object> values, Map<String, String> fragments) {
    Objects.requireNonNull(template, "template");
    Map<String, Object> context = new HashMap<>(values == null ? Map.of() : values);
    Map<String, String> fragmentTexts = fragments == null ? Map.of() : Map.copyOf(fragments);
    MustacheSource source = new MustacheSource(context);
    int[] includes = {0};
    Mustache.TemplateLoader loader =
        name -> {
          if (++includes[0] > MAX_INCLUDES) {
            throw new IllegalArgumentException(
                "The fragments include each other endlessly (last included: " + name + ").");
          }
          String text = fragmentTexts.getOrDefault(name, "");
          return reader(source.translate(text, "The fragment `" + name + "`"));
        };
    String mustache = source.translate(template, "The script");
    try {
      return COMPILER.withLoader(loader).compile(mustache).execute(context);
    } catch (MustacheException e) {
      if (e.getCause() instanceof IllegalArgumentException cause) {
        throw cause;
      }
      throw new IllegalArgumentException("The script could not be rendered: " + e.getMessage(), e);
    }
  }

  private static Reader reader(String text) {
    return new StringReader(text);
  }
}
