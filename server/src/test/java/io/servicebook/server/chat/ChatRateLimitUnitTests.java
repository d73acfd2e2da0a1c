package io.servicebook.server.chat;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One address gets its limit per minute and kind; the next minute it gets it again. */
class ChatRateLimitUnitTests {

  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  private static ChatRateLimit limit(Instant now) {
    return new ChatRateLimit(
        new ChatSettings(List.of(), null, 2, 3), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void anAddressOverItsLimitIsRefusedWithWhenToTryAgain() {
    ChatRateLimit limit = limit(T0);
    limit.start("10.0.0.1");
    limit.start("10.0.0.1");
    assertThatThrownBy(() -> limit.start("10.0.0.1"))
        .isInstanceOf(ChatErrors.TooMany.class)
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(
                        ((ChatErrors.TooMany) e).getHeaders().getFirst("Retry-After"))
                    .isEqualTo("61"));
    assertThatCode(() -> limit.start("10.0.0.2")).as("another address").doesNotThrowAnyException();
    assertThatCode(() -> limit.message("10.0.0.1")).as("another kind").doesNotThrowAnyException();
  }

  @Test
  void theNextMinuteStartsAFreshWindow() {
    java.util.concurrent.atomic.AtomicReference<Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(T0);
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now.get();
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    ChatRateLimit limit = new ChatRateLimit(new ChatSettings(List.of(), null, 1, 1), clock);
    limit.start("10.0.0.1");
    assertThatThrownBy(() -> limit.start("10.0.0.1")).isInstanceOf(ChatErrors.TooMany.class);
    now.set(T0.plus(Duration.ofSeconds(61)));
    assertThatCode(() -> limit.start("10.0.0.1")).doesNotThrowAnyException();
  }
}
