package io.servicebook.protocol;

/** Who may read a protocol: only staff, or also customers in the public knowledge base. */
public enum Audience {
  INTERNAL,
  PUBLIC
}
