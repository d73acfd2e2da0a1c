package io.servicebook.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ScriptTemplatesPropertiesTest {

  private final ScriptTemplates scripts =
      ScriptTemplates.of(Set.of("order_number"), Set.of("greeting"));

  @Provide
  Arbitrary<String> scriptish() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "{{",
            "}}",
            "{",
            "}",
            "{{{",
            "}}}",
            "|",
            " | default: ",
            "\"",
            "\\",
            "\\\"",
            "#",
            "^",
            "/",
            ">",
            "&",
            "!",
            "=",
            "<",
            "$",
            " ",
            "\n",
            "customer.first_name",
            "fields.order_number",
            "fields.x",
            "greeting",
            "default",
            ":",
            ".",
            "x",
            "é");
    return Arbitraries.oneOf(
        pieces.list().ofMaxSize(30).map(l -> String.join("", l)),
        Arbitraries.strings().ofMaxLength(60));
  }

  @Property(tries = 2000)
  void checkNeverThrows(@ForAll("scriptish") String template) {
    List<ScriptProblem> problems = scripts.check(template);
    assertThat(problems)
        .allSatisfy(
            p -> {
              assertThat(p.line()).isPositive();
              assertThat(p.column()).isPositive();
              assertThat(p.message()).isNotBlank();
            });
  }

  @Property(tries = 1000)
  void aScriptThatChecksCleanRenders(@ForAll("scriptish") String template) {
    if (scripts.check(template).isEmpty()) {
      scripts.render(template, Map.of(), Map.of("greeting", "hi"));
    }
  }
}
