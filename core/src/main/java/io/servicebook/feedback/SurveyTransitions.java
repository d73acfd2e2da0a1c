package io.servicebook.feedback;

import static io.servicebook.feedback.SurveyStatus.ANSWERED;
import static io.servicebook.feedback.SurveyStatus.EXPIRED;
import static io.servicebook.feedback.SurveyStatus.OPTED_OUT;
import static io.servicebook.feedback.SurveyStatus.SENT;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of allowed survey moves.
 *
 * <p>Only a sent survey moves: answered once (one response per token), expired when its link runs
 * out, or opted out when the customer asks for no more surveys from its page. The three are final.
 */
public final class SurveyTransitions {

  private static final Map<SurveyStatus, Set<SurveyStatus>> ALLOWED = table();

  private SurveyTransitions() {}

  private static Map<SurveyStatus, Set<SurveyStatus>> table() {
    Map<SurveyStatus, Set<SurveyStatus>> table = new EnumMap<>(SurveyStatus.class);
    table.put(SENT, EnumSet.of(ANSWERED, EXPIRED, OPTED_OUT));
    table.put(ANSWERED, EnumSet.noneOf(SurveyStatus.class));
    table.put(EXPIRED, EnumSet.noneOf(SurveyStatus.class));
    table.put(OPTED_OUT, EnumSet.noneOf(SurveyStatus.class));
    table.replaceAll((from, to) -> Collections.unmodifiableSet(to));
    return Collections.unmodifiableMap(table);
  }

  public static boolean isAllowed(SurveyStatus from, SurveyStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  /** The statuses a survey in {@code from} may move to. */
  public static Set<SurveyStatus> allowedFrom(SurveyStatus from) {
    return ALLOWED.get(from);
  }

  /**
   * @throws IllegalSurveyTransition if the table does not allow the move
   */
  public static void check(SurveyStatus from, SurveyStatus to) {
    if (!isAllowed(from, to)) {
      throw new IllegalSurveyTransition(from, to, allowedFrom(from));
    }
  }
}
