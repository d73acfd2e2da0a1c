package io.servicebook.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class CaseStatusTransitionsProperties {

  @Property
  void noStatusMovesToItself(@ForAll CaseStatus status) {
    assertThat(CaseStatusTransitions.isAllowed(status, status)).isFalse();
  }

  @Property
  void everyWalkThroughTheTableEndsClosedOnlyAfterResolved(@ForAll List<CaseStatus> wanted) {
    CaseStatus current = CaseStatus.NEW;
    CaseStatus previous = null;
    for (CaseStatus next : wanted) {
      if (CaseStatusTransitions.isAllowed(current, next)) {
        previous = current;
        current = next;
      }
    }
    if (current == CaseStatus.CLOSED) {
      assertThat(previous).isEqualTo(CaseStatus.RESOLVED);
    }
  }

  @Property
  void everyStatusButClosedCanStillReachClosed(@ForAll CaseStatus status) {
    Assume.that(status != CaseStatus.CLOSED);
    assertThat(reachesClosed(status, 0)).isTrue();
  }

  private static boolean reachesClosed(CaseStatus from, int depth) {
    if (depth > CaseStatus.values().length) {
      return false;
    }
    for (CaseStatus to : CaseStatusTransitions.allowedFrom(from)) {
      if (to == CaseStatus.CLOSED || reachesClosed(to, depth + 1)) {
        return true;
      }
    }
    return false;
  }
}
