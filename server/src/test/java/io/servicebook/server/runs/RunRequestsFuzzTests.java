package io.servicebook.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the readers of the run API's JSON bodies without HTTP: whatever object a client sends,
 * they answer with values or named errors, never with an exception. In the build the inputs under
 * {@code RunRequestsFuzzTestsInputs/} are replayed; {@code bench/fuzz.sh} fuzzes for real.
 */
class RunRequestsFuzzTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final int MAX_LENGTH = 16_000;

  @FuzzTest(maxDuration = "60s")
  void readsAnyBody(byte[] input) {
    if (input.length > MAX_LENGTH) {
      return;
    }
    Map<String, Object> body;
    try {
      body =
          JSON.readValue(
              input, JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
    } catch (JacksonException notAnObject) {
      return; // Spring answers 400 before any reader sees it
    }
    RunRequests.Submission submission = RunRequests.submission(body);
    assertThat(submission.fields()).doesNotContainKey(null);
    assertThat(RunRequests.skipReason(body)).isNotNull();
    for (String name : List.of("reason", "step_id", "note", "slug")) {
      for (boolean required : List.of(true, false)) {
        List<Map<String, Object>> errors = new ArrayList<>();
        var text = RunController.text(body, name, required, errors);
        assertThat(text.isPresent() || !required || !errors.isEmpty()).isTrue();
        text.ifPresent(t -> assertThat(t).isNotBlank());
      }
    }
  }
}
