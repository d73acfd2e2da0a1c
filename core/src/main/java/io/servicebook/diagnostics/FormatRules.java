package io.servicebook.diagnostics;

import static io.servicebook.diagnostics.Severity.ERROR;
import static io.servicebook.diagnostics.Severity.WARNING;

import io.servicebook.diagnostics.Rule.Category;
import java.util.List;

/** The checks that a protocol, calendar or fragment file is well-formed. All are errors. */
public final class FormatRules {

  public static final Rule YAML_SYNTAX =
      format(
          "yaml-syntax",
          "The file is not valid YAML",
          "Nothing in the file can be read until the YAML itself is valid.",
          "Check indentation (spaces, not tabs), colons after keys, and closing quotes near the"
              + " reported line.");
  public static final Rule UNKNOWN_KEY =
      format(
          "unknown-key",
          "A key the format does not know",
          "A misspelt key is silently ignored by most tools, so a promise you wrote (an SLA, an"
              + " escalation) would never be kept. Servicebook refuses it instead.",
          "Fix the spelling, or remove the key. `servicebook schema` lists every key.");
  public static final Rule MISSING_KEY =
      format(
          "missing-key",
          "A required key is missing",
          "Some keys are needed to run a protocol at all, such as its id, title, owner and steps.",
          "Add the key.");
  public static final Rule DUPLICATE_KEY =
      format(
          "duplicate-key",
          "The same key twice in one place",
          "YAML keeps only one of them, so half of what you wrote would be lost.",
          "Keep one of the two, merged.");
  public static final Rule WRONG_TYPE =
      format(
          "wrong-type",
          "A value of the wrong kind",
          "Each key expects a kind of value: text, a number, a list, a map.",
          "Write the value in the form the message names.");
  public static final Rule INVALID_VALUE =
      format(
          "invalid-value",
          "A value outside what is accepted",
          "Some keys accept only listed words (channels, field types) or numbers within a range.",
          "Use one of the accepted values the message lists.");
  public static final Rule INVALID_DURATION =
      format(
          "invalid-duration",
          "A duration that is not ISO-8601",
          "Durations are written in ISO-8601 so that everyone reads them the same way:"
              + " PT30M is 30 minutes, PT4H four hours, P2D two days, P6M six months.",
          "Write the duration like PT4H or P2D.");
  public static final Rule BUSINESS_DAYS =
      format(
          "sla-days-on-business-calendar",
          "An SLA target in days on a business calendar",
          "On a business calendar a day is ambiguous: 24 hours, or one working day of eight?"
              + " Targets on a business calendar are counted in business hours and minutes.",
          "Write the target in hours and minutes (P1D of a 9-to-5 calendar is PT8H), or use a"
              + " 24/7 calendar.");
  public static final Rule DUPLICATE_STEP =
      format(
          "duplicate-step",
          "Two steps with the same id",
          "Steps are found by their id (for `goto`, `next`, reports), so each id must be unique.",
          "Rename one of the steps.");
  public static final Rule UNKNOWN_STEP =
      format(
          "unknown-step",
          "`goto` or `next` names a step that does not exist",
          "The run would have nowhere to go.",
          "Name one of the protocol's step ids.");
  public static final Rule INVALID_CONDITION =
      format(
          "invalid-condition",
          "A condition that cannot be understood",
          "Conditions (applies_when, decide.when, pause_when, when) are CEL expressions checked"
              + " against the case, the customer, the agent and the declared fields.",
          "Fix the expression at the reported position; compare with quotes around text, e.g."
              + " case.category == \"refund\".");
  public static final Rule CONDITION_TOO_COSTLY =
      format(
          "condition-too-costly",
          "A condition that could take too long to check",
          "Every condition is checked under a cost limit, so that one protocol cannot slow down"
              + " every case. A condition that could pass the limit on some case would be stopped"
              + " there instead of decided: the protocol would silently not apply, or a branch"
              + " would not be taken. Loops (exists, all, exists_one, map, filter) over lists are"
              + " what costs: a loop inside a loop multiplies the work. Servicebook works out the"
              + " most a condition can cost for any case (lists such as case.tags have at most 50"
              + " items) and refuses one that could pass the limit.",
          "Take the inner loop out of the outer one, test a fixed list with `in` (\"urgent\" in"
              + " case.tags), or write a shorter list.");
  public static final Rule UNDECLARED_FIELD =
      format(
          "undeclared-field",
          "A step captures a field the protocol does not declare",
          "Captured values are validated against their declared type; an undeclared field has"
              + " none.",
          "Declare the field under `fields:` or fix its name.");
  public static final Rule INVALID_SCRIPT =
      format(
          "invalid-script",
          "A script with an unknown placeholder or broken template",
          "A placeholder that names nothing prints as a gap in front of the customer.",
          "Use customer.*, case.*, agent.* or fields.* names; give a fallback with"
              + " {{customer.first_name | default: \"there\"}}.");
  public static final Rule INVALID_PATTERN =
      format(
          "invalid-pattern",
          "A field pattern that is not a valid regular expression",
          "The pattern checks what agents capture; a broken one would reject or accept anything.",
          "Fix the regular expression (Java syntax), e.g. ^[A-Z0-9-]{6,20}$.");
  public static final Rule UNKNOWN_CALENDAR =
      format(
          "unknown-calendar",
          "The SLA names a calendar the pack does not have",
          "Without the calendar, business hours and holidays are unknown and no deadline can be"
              + " computed.",
          "Add the calendar file under calendars/, or fix the name.");
  public static final Rule UNKNOWN_FRAGMENT =
      format(
          "unknown-fragment",
          "An include names a fragment the pack does not have",
          "Shared fragments (greetings, closings) live in fragments/ beside the protocols.",
          "Add the fragment file, or fix the name.");
  public static final Rule UNKNOWN_PROTOCOL =
      format(
          "unknown-protocol",
          "A handoff names a protocol the pack does not have",
          "A handoff moves the case to another protocol; it has to exist.",
          "Name a protocol of the pack.");
  public static final Rule DUPLICATE_NAME =
      format(
          "duplicate-name",
          "Two protocols, calendars or fragments with the same name",
          "Names identify documents across the pack; with two, one would be ignored.",
          "Rename one of them.");
  public static final Rule ENUM_VALUE =
      new Rule(
          "unknown-enum-value",
          ERROR,
          Category.FORMAT,
          "A condition compares a choice field with a value it cannot have",
          "The comparison could never be true, so the branch would never be taken.",
          "Use one of the field's `values`, or add the value to them.");
  public static final Rule CONDITION_WARNING =
      new Rule(
          "condition-warning",
          WARNING,
          Category.FORMAT,
          "A condition that works but is suspicious",
          "The condition compiles but probably does not do what was meant.",
          "Read the message and simplify the condition.");

  private FormatRules() {}

  public static List<Rule> all() {
    return List.of(
        YAML_SYNTAX,
        UNKNOWN_KEY,
        MISSING_KEY,
        DUPLICATE_KEY,
        WRONG_TYPE,
        INVALID_VALUE,
        INVALID_DURATION,
        BUSINESS_DAYS,
        DUPLICATE_STEP,
        UNKNOWN_STEP,
        INVALID_CONDITION,
        CONDITION_TOO_COSTLY,
        UNDECLARED_FIELD,
        INVALID_SCRIPT,
        INVALID_PATTERN,
        UNKNOWN_CALENDAR,
        UNKNOWN_FRAGMENT,
        UNKNOWN_PROTOCOL,
        DUPLICATE_NAME,
        ENUM_VALUE,
        CONDITION_WARNING);
  }

  private static Rule format(String id, String title, String why, String fix) {
    return new Rule(id, ERROR, Category.FORMAT, title, why, fix);
  }
}
