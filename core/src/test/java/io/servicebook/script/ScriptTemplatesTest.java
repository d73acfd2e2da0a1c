package io.servicebook.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScriptTemplatesTest {

  private final ScriptTemplates scripts =
      ScriptTemplates.of(
          Set.of("order_number", "refund_amount", "vip"), Set.of("greeting", "closing"));

  private static Map<String, Object> values() {
    Map<String, Object> customer = new HashMap<>();
    customer.put("first_name", "Ann");
    customer.put("last_name", "Lee");
    customer.put("email", "");
    customer.put("phone", null);
    Map<String, Object> values = new HashMap<>();
    values.put("customer", customer);
    values.put("case", Map.of("id", "C-42", "subject", "Broken <kettle> & \"lid\""));
    values.put("agent", Map.of("first_name", "Bo", "team", "Returns"));
    values.put("fields", Map.of("order_number", "A-1001", "vip", true));
    return values;
  }

  private String render(String template) {
    return scripts.render(template, values(), Map.of());
  }

  @Nested
  class Render {

    @Test
    void fillsPlaceholdersFromNestedValues() {
      assertThat(render("Hi {{customer.first_name}}, order {{fields.order_number}} ({{case.id}})."))
          .isEqualTo("Hi Ann, order A-1001 (C-42).");
    }

    @Test
    void rendersMissingAndNullValuesAsEmpty() {
      assertThat(render("[{{customer.tier}}][{{customer.phone}}][{{fields.refund_amount}}]"))
          .isEqualTo("[][][]");
      assertThat(scripts.render("[{{customer.first_name}}]", Map.of(), Map.of())).isEqualTo("[]");
    }

    @Test
    void doesNotEscapeHtml() {
      assertThat(render("{{case.subject}}")).isEqualTo("Broken <kettle> & \"lid\"");
      assertThat(render("{{{case.subject}}}|{{&case.subject}}"))
          .isEqualTo("Broken <kettle> & \"lid\"|Broken <kettle> & \"lid\"");
    }

    @Test
    void rendersSectionsAndInvertedSections() {
      String template =
          "{{#fields.vip}}VIP {{customer.first_name}}{{/fields.vip}}"
              + "{{^fields.refund_amount}}, no refund{{/fields.refund_amount}}"
              + "{{#customer.email}}, mail {{customer.email}}{{/customer.email}}";
      assertThat(render(template)).isEqualTo("VIP Ann, no refund");
    }

    @Test
    void keepsStandaloneSectionLinesOutOfTheText() {
      String template = "Hello\n{{#fields.vip}}\nThanks for being a VIP.\n{{/fields.vip}}\nBye";
      assertThat(render(template)).isEqualTo("Hello\nThanks for being a VIP.\nBye");
    }

    @Test
    void rendersFragmentsWithTheSameValues() {
      String rendered =
          scripts.render(
              "{{> greeting}} Your order {{fields.order_number}} ships today. {{> closing}}",
              values(),
              Map.of(
                  "greeting", "Hi {{customer.first_name | default: \"there\"}},",
                  "closing", "Best, {{agent.first_name}} ({{agent.team}})"));
      assertThat(rendered).isEqualTo("Hi Ann, Your order A-1001 ships today. Best, Bo (Returns)");
    }

    @Test
    void insertsAFragmentOnItsOwnLineWithoutEatingTheLineBreak() {
      assertThat(
              scripts.render(
                  "Thanks!\n{{> closing}}\nPS: {{case.id}}",
                  values(),
                  Map.of("closing", "Best, {{agent.first_name}}")))
          .isEqualTo("Thanks!\nBest, Bo\nPS: C-42");
    }

    @Test
    void rendersAFragmentThatIsNotGivenAsNothing() {
      assertThat(scripts.render("[{{> greeting}}]", values(), Map.of())).isEqualTo("[]");
    }

    @Test
    void refusesFragmentsThatIncludeThemselves() {
      assertThatThrownBy(
              () ->
                  scripts.render("{{> greeting}}", values(), Map.of("greeting", "x{{> greeting}}")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("include each other");
    }

    @Test
    void refusesATemplateWithASyntaxError() {
      assertThatThrownBy(() -> render("Hi {{#fields.vip}}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("never closed");
    }

    @Test
    void ignoresComments() {
      assertThat(render("a{{! note for authors }}b")).isEqualTo("ab");
    }
  }

  @Nested
  class Fallback {

    @Test
    void usesTheFallbackWhenTheValueIsMissingNullOrEmpty() {
      assertThat(render("{{customer.tier | default: \"valued\"}}")).isEqualTo("valued");
      assertThat(render("{{customer.phone | default: \"no phone\"}}")).isEqualTo("no phone");
      assertThat(render("{{customer.email | default: \"no email\"}}")).isEqualTo("no email");
      assertThat(
              scripts.render("Hi {{customer.first_name | default: \"there\"}}", Map.of(), Map.of()))
          .isEqualTo("Hi there");
    }

    @Test
    void usesTheValueWhenPresent() {
      assertThat(render("Hi {{customer.first_name | default: \"there\"}}!")).isEqualTo("Hi Ann!");
      assertThat(render("{{ customer.first_name|default:\"there\" }}")).isEqualTo("Ann");
    }

    @Test
    void usesTheFallbackTextLiterally() {
      assertThat(render("{{customer.tier | default: \"} <b>&amp; {x} | {\"}}"))
          .isEqualTo("} <b>&amp; {x} | {");
      assertThat(render("{{customer.tier | default: \"\"}}")).isEmpty();
    }

    @Test
    void reportsMustacheBracesInTheFallbackAsASyntaxError() {
      assertThat(scripts.check("{{customer.tier | default: \"{{x\"}}"))
          .extracting(ScriptProblem::message)
          .first()
          .asString()
          .contains("never closed");
    }

    @Test
    void writesQuotesAndBackslashesEscapedWithABackslash() {
      assertThat(render("{{customer.tier | default: \"our \\\"best\\\" \\\\ friend\"}}"))
          .isEqualTo("our \"best\" \\ friend");
    }

    @Test
    void worksInsideSectionsOverLists() {
      Map<String, Object> values = values();
      values.put("fields", Map.of("order_number", List.of("A", "B")));
      assertThat(
              scripts.render(
                  "{{#fields.order_number}}[{{customer.tier | default: \"-\"}}{{customer.first_name}}]"
                      + "{{/fields.order_number}}",
                  values,
                  Map.of()))
          .isEqualTo("[-Ann][-Ann]");
    }

    @Test
    void reportsMalformedFallbacks() {
      assertThat(scripts.check("{{customer.tier | default: there}}"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("double quotes"));
      assertThat(scripts.check("{{customer.tier | upper}}"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("Only `| default: \"text\"`"));
      assertThat(scripts.check("{{customer.tier | default: \"open}}"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("no closing double quote"));
      assertThat(scripts.check("{{customer.tier | default: \"a\\nb\"}}"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("backslash"));
      assertThat(scripts.check("{{#fields.vip | default: \"x\"}}{{/fields.vip}}"))
          .extracting(ScriptProblem::message)
          .anySatisfy(m -> assertThat(m).contains("plain placeholder"));
    }
  }

  @Nested
  class Check {

    @Test
    void acceptsAValidScript() {
      assertThat(
              scripts.check(
                  "{{> greeting}}\n{{#fields.vip}}Dear {{customer.first_name | default: \"friend\"}},"
                      + "{{/fields.vip}}\n{{^case.priority}}{{case.id}}{{/case.priority}}\n"
                      + "{{! comment }}{{{agent.name}}} {{&agent.email}}\n{{> closing}}"))
          .isEmpty();
    }

    @Test
    void reportsAnUnknownPlaceholderWithASuggestionAtItsLineAndColumn() {
      List<ScriptProblem> problems =
          scripts.check(
              "Hello,\nthank you {{customer.first_name}}.\n  Dear {{customer.frist_name}}");
      assertThat(problems)
          .containsExactly(
              new ScriptProblem(
                  3,
                  8,
                  "customer.frist_name",
                  "`{{customer.frist_name}}` is not something a script can use."
                      + " Did you mean `customer.first_name`?"));
    }

    @Test
    void reportsAnUnknownFieldListingTheDeclaredFields() {
      assertThat(scripts.check("Order {{fields.ordr_number}}"))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.placeholder()).isEqualTo("fields.ordr_number");
                assertThat(p.line()).isEqualTo(1);
                assertThat(p.column()).isEqualTo(7);
                assertThat(p.message())
                    .contains("Did you mean `fields.order_number`?")
                    .contains("`fields.order_number`, `fields.refund_amount` and `fields.vip`");
              });
      assertThat(ScriptTemplates.of(Set.of(), Set.of()).check("{{fields.x}}"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("declares no fields"));
    }

    @Test
    void reportsAnUnknownRootListingTheRoots() {
      assertThat(scripts.check("{{customr.first_name}} {{order.total}}"))
          .extracting(ScriptProblem::message)
          .containsExactly(
              "`{{customr.first_name}}` is not something a script can use."
                  + " Did you mean `customer.first_name`?"
                  + " Placeholders start with `customer.`, `case.`, `agent.` or `fields.`.",
              "`{{order.total}}` is not something a script can use."
                  + " Placeholders start with `customer.`, `case.`, `agent.` or `fields.`.");
    }

    @Test
    void suggestsEveryRootForABareName() {
      assertThat(scripts.check("{{first_name}}"))
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.message())
                      .contains("Did you mean `customer.first_name` or `agent.first_name`?"));
    }

    @Test
    void listsTheValuesOfAKnownRootWhenNothingIsClose() {
      assertThat(scripts.check("{{agent.mood}}"))
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.message())
                      .contains(
                          "`agent.first_name`, `agent.last_name`, `agent.name`, `agent.email`"));
    }

    @Test
    void checksNamesInSections() {
      assertThat(
              scripts.check("{{#fields.vipp}}x{{/fields.vipp}}{{^case.stauts}}y{{/case.stauts}}"))
          .extracting(ScriptProblem::placeholder, ScriptProblem::column)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("fields.vipp", 1),
              org.assertj.core.groups.Tuple.tuple("case.stauts", 34));
    }

    @Test
    void reportsAnUnknownFragmentNamingTheKnownOnes() {
      assertThat(scripts.check("x\n {{> greting}}"))
          .containsExactly(
              new ScriptProblem(
                  2,
                  2,
                  "greting",
                  "`{{> greting}}` is not a known fragment. Did you mean `greeting`?"
                      + " The known fragments are `closing` and `greeting`."));
      assertThat(ScriptTemplates.of(Set.of(), Set.of()).check("{{> greeting}}"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("defines no fragments"));
    }
  }

  @Nested
  class SyntaxErrors {

    @Test
    void reportsAnUnclosedSection() {
      assertThat(scripts.check("Hi\n  {{#fields.vip}} VIP"))
          .containsExactly(
              new ScriptProblem(
                  2,
                  3,
                  "",
                  "The section `{{#fields.vip}}` opened on line 2, column 3 is never closed:"
                      + " add `{{/fields.vip}}` where it should end."));
    }

    @Test
    void reportsAMismatchedClose() {
      assertThat(scripts.check("{{#fields.vip}}\n{{^case.id}}x{{/fields.vip}}{{/case.id}}"))
          .extracting(ScriptProblem::line, ScriptProblem::column, ScriptProblem::message)
          .first()
          .satisfies(
              t ->
                  assertThat(t.toList())
                      .containsExactly(
                          2,
                          14,
                          "`{{/fields.vip}}` on line 2, column 14 does not match the open section"
                              + " `{{^case.id}}` from line 2: close it with `{{/case.id}}`."));
    }

    @Test
    void reportsACloseWithoutOpen() {
      assertThat(scripts.check("x {{/fields.vip}}"))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.message()).contains("closes a section that was never opened");
                assertThat(p.column()).isEqualTo(3);
              });
    }

    @Test
    void reportsAnUnclosedPlaceholder() {
      assertThat(scripts.check("Dear\n{{customer.first_name, welcome"))
          .containsExactly(
              new ScriptProblem(
                  2,
                  1,
                  "",
                  "The placeholder opened on line 2, column 1 is never closed:"
                      + " add `}}` after its name."));
      assertThat(scripts.check("{{customer.first_name {{case.id}}"))
          .extracting(ScriptProblem::column)
          .containsExactly(1);
    }

    @Test
    void reportsUnsupportedAndEmptyTags() {
      assertThat(scripts.check("{{}}"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("empty"));
      assertThat(scripts.check("{{=<% %>=}}"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("delimiters"));
      assertThat(scripts.check("{{{case.id}}"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("`}}}`"));
      assertThat(scripts.check("{{#}}"))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("has no name"));
    }

    @Test
    void placeholdersAreEmptyOnASyntaxError() {
      assertThat(scripts.placeholders("{{#fields.vip}}{{case.id}}")).isEmpty();
    }
  }

  @Test
  void placeholdersListsTheNamesUsedInOrder() {
    assertThat(
            scripts.placeholders(
                "{{#fields.vip}}{{customer.first_name | default: \"x\"}}{{/fields.vip}}"
                    + "{{fields.order_number}}{{customer.first_name}}{{> greeting}}{{nope}}"))
        .containsExactly("fields.vip", "customer.first_name", "fields.order_number", "nope");
  }
}
