package io.servicebook.runs;

import io.servicebook.protocol.Field;
import io.servicebook.protocol.Step;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The step the agent is on, ready to show: the script rendered for this case's channel and
 * customer's language, the fields to capture, and the choices to offer.
 *
 * @param script the personalised script; empty when the step has none
 * @param scriptLanguage the language of the script picked (after fallback), or {@code *} for a
 *     script written for every language
 * @param choices the labels of the step's choice branches, in order
 * @param canGoBack whether there is a step before this one to go back to
 */
public record CurrentStep(
    Step step,
    Optional<String> script,
    Optional<String> scriptLanguage,
    List<Field> capture,
    List<String> choices,
    boolean canGoBack) {

  public CurrentStep {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(scriptLanguage, "scriptLanguage");
    capture = List.copyOf(capture);
    choices = List.copyOf(choices);
  }

  public String title() {
    return step.displayTitle();
  }

  public Optional<String> guidance() {
    return step.guidance();
  }

  public boolean skippable() {
    return step.skippable();
  }
}
