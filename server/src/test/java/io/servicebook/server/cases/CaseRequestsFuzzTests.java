package io.servicebook.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the readers of the case API's JSON bodies without HTTP: whatever object a client sends,
 * each reader answers with a value or with the fields it refuses (named, with a sentence), never
 * with an exception. In the build the inputs under {@code CaseRequestsFuzzTestsInputs/} are
 * replayed; {@code bench/fuzz.sh} fuzzes for real.
 */
class CaseRequestsFuzzTests {

  private static final CustomerTiers TIERS = new CustomerTiers(null);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The server refuses bodies this long before they are read (spring.servlet limits aside). */
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
    checked(CaseRequests.newCase(body, TIERS));
    checked(CaseRequests.interaction(body));
    checked(CaseRequests.status(body));
    checked(CaseRequests.priority(body));
    checked(CaseRequests.assignment(body));
  }

  private static void checked(CaseRequests.Read<?> read) {
    switch (read) {
      case CaseRequests.Read.Valid<?> valid -> assertThat(valid.value()).isNotNull();
      case CaseRequests.Read.Invalid<?> invalid -> {
        List<CaseRequests.FieldError> errors = invalid.errors();
        assertThat(errors).isNotEmpty();
        errors.forEach(
            e -> {
              assertThat(e.field()).isNotBlank();
              assertThat(e.message()).isNotBlank();
            });
      }
    }
  }
}
