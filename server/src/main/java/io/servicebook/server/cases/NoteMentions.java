package io.servicebook.server.cases;

import java.util.List;

/**
 * Checks the {@code @username} mentions of an internal note before it is stored: a note that
 * mentions nobody's account is refused, naming them. Declared here and implemented by the
 * notifications feature, which tells the mentioned colleagues, so that cases do not depend on it.
 */
public interface NoteMentions {

  /** The names the note mentions that are no active user's, in the order written. */
  List<String> unknown(String body);
}
