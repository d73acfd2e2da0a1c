package io.servicebook.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The console's stylesheet closes every block it opens: a media query left open swallows every rule
 * after it, which then holds on phones only (a merge once left one open, and the search, teams and
 * people pages lost their desktop styles without a test noticing).
 */
class StylesheetTests {

  @Test
  void everyBlockOfTheStylesheetIsClosedWhereItsSectionEnds() throws Exception {
    String css =
        Files.readString(Path.of("src/main/resources/static/app.css"), StandardCharsets.UTF_8)
            .replaceAll("(?s)/\\*.*?\\*/", "");
    int depth = 0;
    int line = 1;
    for (char c : css.toCharArray()) {
      if (c == '\n') {
        line++;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        assertThat(depth).as("a block closed that was never opened, line %d", line).isNotNegative();
      }
    }
    assertThat(depth).as("blocks left open at the end of app.css").isZero();
  }
}
