package io.servicebook.server.compensation;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.compensation.Money;
import io.servicebook.server.compensation.CompensationRequests.FieldError;
import io.servicebook.server.compensation.CompensationRequests.NewCompensation;
import io.servicebook.server.compensation.CompensationRequests.Read;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompensationRequestsUnitTests {

  private static NewCompensation valid(Map<String, Object> body) {
    Read<NewCompensation> read = CompensationRequests.compensation(body);
    assertThat(read).isInstanceOf(Read.Valid.class);
    return ((Read.Valid<NewCompensation>) read).value();
  }

  private static List<FieldError> errors(Read<?> read) {
    assertThat(read).isInstanceOf(Read.Invalid.class);
    return ((Read.Invalid<?>) read).errors();
  }

  @Test
  void readsAJsonNumberExactlyAndTheCurrencyInCapitals() {
    assertThat(valid(Map.of("amount", 19.99, "currency", "eur", "reason", "late")).amount())
        .isEqualTo(Money.of("19.99", "EUR"));
    assertThat(valid(Map.of("amount", 20, "currency", "EUR", "reason", "late")).amount())
        .isEqualTo(Money.of("20.00", "EUR"));
  }

  @Test
  void readsAnAmountWrittenAsTextAndIgnoresTrailingZeros() {
    assertThat(valid(Map.of("amount", "12.500", "currency", "GBP", "reason", " late ")))
        .isEqualTo(new NewCompensation(Money.of("12.50", "GBP"), "late"));
  }

  @Test
  void namesEveryMissingField() {
    assertThat(errors(CompensationRequests.compensation(null)))
        .extracting(FieldError::field)
        .containsExactly("currency", "amount", "reason");
  }

  @Test
  void refusesAmountsThatAreNotAboveZeroOrHaveTooManyDecimals() {
    assertThat(
            errors(
                CompensationRequests.compensation(
                    Map.of("amount", "-1", "currency", "EUR", "reason", "x"))))
        .containsExactly(new FieldError("amount", "must be above zero, not -1."));
    assertThat(
            errors(
                    CompensationRequests.compensation(
                        Map.of("amount", "1.001", "currency", "EUR", "reason", "x")))
                .get(0)
                .message())
        .isEqualTo("1.001 has 3 decimals; give at most 2.");
    assertThat(
            errors(
                    CompensationRequests.compensation(
                        Map.of("amount", "100.5", "currency", "JPY", "reason", "x")))
                .get(0)
                .message())
        .isEqualTo("100.5 has 1 decimal; JPY has no smaller unit, give a whole amount.");
    assertThat(
            errors(
                CompensationRequests.compensation(
                    Map.of("amount", true, "currency", "EUR", "reason", "x"))))
        .extracting(FieldError::field)
        .containsExactly("amount");
  }

  @Test
  void refusesCodesThatAreNotIso4217() {
    assertThat(
            errors(
                CompensationRequests.compensation(
                    Map.of("amount", "1", "currency", "EUX", "reason", "x"))))
        .extracting(FieldError::field)
        .containsExactly("currency");
  }

  @Test
  void aBudgetMayBeZeroButItsMonthMustBeAMonth() {
    assertThat(
            CompensationRequests.budget(
                "support-eu", "2026-11", Map.of("amount", "0", "currency", "EUR")))
        .isInstanceOf(Read.Valid.class);
    assertThat(
            errors(
                CompensationRequests.budget(
                    " ", "2026-1", Map.of("amount", "5", "currency", "EUR"))))
        .extracting(FieldError::field)
        .containsExactly("team", "month");
  }

  @Test
  void aRejectionNeedsAReasonAndAnApprovalDoesNot() {
    assertThat(errors(CompensationRequests.decision(Map.of(), true)))
        .extracting(FieldError::field)
        .containsExactly("reason");
    assertThat(CompensationRequests.decision(null, false)).isInstanceOf(Read.Valid.class);
  }
}
