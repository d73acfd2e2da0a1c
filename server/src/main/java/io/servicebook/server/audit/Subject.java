package io.servicebook.server.audit;

/** A chain: the subject (a case, a run, a protocol…) whose changes it holds. */
record Subject(String type, String id) implements Comparable<Subject> {
  @Override
  public int compareTo(Subject other) {
    int byType = type.compareTo(other.type);
    return byType != 0 ? byType : id.compareTo(other.id);
  }

  @Override
  public String toString() {
    return type + " " + id;
  }
}
