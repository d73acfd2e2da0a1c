package io.servicebook.protocol;

/** The surveys a protocol can send: satisfaction (1–5), promoter score (0–10), effort (1–7). */
public enum SurveyKind {
  CSAT(1, 5),
  NPS(0, 10),
  CES(1, 7);

  private final int min;
  private final int max;

  SurveyKind(int min, int max) {
    this.min = min;
    this.max = max;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }
}
