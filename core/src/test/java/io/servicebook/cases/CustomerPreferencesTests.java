package io.servicebook.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.condition.Compilation;
import io.servicebook.condition.Conditions;
import io.servicebook.condition.Evaluation;
import io.servicebook.protocol.Channel;
import io.servicebook.script.ScriptTemplates;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Protocols read the customer's preferences as customer.preferences.* in conditions and scripts.
 */
class CustomerPreferencesTests {

  private static final Conditions CONDITIONS = Conditions.forFields(List.of());
  private static final ScriptTemplates SCRIPTS = ScriptTemplates.of(Set.of(), Set.of());

  private static final CustomerPreferences PHONE_IN_SPANISH =
      new CustomerPreferences(
          Optional.of(Channel.PHONE),
          Optional.of("es"),
          Optional.of("weekdays after 18:00"),
          Optional.of("large print"),
          Optional.of("Prefers Ana"));

  private static CaseFacts facts(CustomerPreferences preferences) {
    return CaseFacts.of(
        CaseFixtures.aCase(
            CaseFixtures.aCustomer().withPreferences(preferences), Channel.EMAIL, "refund"));
  }

  private static Evaluation evaluate(String expression, CustomerPreferences preferences) {
    Compilation compilation = CONDITIONS.compile(expression);
    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    return ((Compilation.Compiled) compilation)
        .condition()
        .evaluate(facts(preferences).conditionInput(Map.of(), CaseFixtures.OPENED_AT));
  }

  @Test
  void conditionsReadEveryPreference() {
    String expression =
        "customer.preferences.preferred_channel == \"phone\""
            + " && customer.preferences.language == \"es\""
            + " && customer.preferences.best_time.contains(\"18:00\")"
            + " && customer.preferences.accessibility == \"large print\""
            + " && customer.preferences.note.startsWith(\"Prefers\")";
    assertThat(evaluate(expression, PHONE_IN_SPANISH)).isEqualTo(new Evaluation.Value(true));
    assertThat(evaluate(expression, CustomerPreferences.NONE))
        .isEqualTo(new Evaluation.Value(false));
  }

  @Test
  void aPreferenceNobodySetIsEmptyTextNotAMissingValue() {
    assertThat(evaluate("customer.preferences.preferred_channel == \"\"", CustomerPreferences.NONE))
        .isEqualTo(new Evaluation.Value(true));
  }

  @Test
  void aMisspeltPreferenceIsACompileErrorWithASuggestion() {
    Compilation compilation = CONDITIONS.compile("customer.preferences.langauge == \"es\"");
    assertThat(compilation).isInstanceOf(Compilation.Failed.class);
    assertThat(((Compilation.Failed) compilation).problems().get(0).message())
        .contains("customer.preferences.langauge")
        .contains("preferences.language");
  }

  @Test
  void scriptsRenderPreferences() {
    String script =
        "Call {{customer.first_name}} by {{customer.preferences.preferred_channel}}"
            + " ({{customer.preferences.best_time}}), in {{customer.preferences.language}}.";
    assertThat(SCRIPTS.check(script)).isEmpty();
    assertThat(SCRIPTS.render(script, facts(PHONE_IN_SPANISH).scriptValues(Map.of()), Map.of()))
        .isEqualTo("Call Ana by phone (weekdays after 18:00), in es.");
    assertThat(
            SCRIPTS.render(
                "[{{customer.preferences.note | default: \"none\"}}]",
                facts(CustomerPreferences.NONE).scriptValues(Map.of()),
                Map.of()))
        .isEqualTo("[none]");
  }

  @Test
  void theLinterKnowsThePreferencesInScripts() {
    assertThat(SCRIPTS.check("{{customer.preferences.acessibility}}"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("customer.preferences.accessibility"));
  }
}
