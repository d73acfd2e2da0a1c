package io.servicebook.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A clock a test moves forward, for a whole running server: {@link #initializer()} registers it as
 * the primary {@link Clock}, so every feature reads its time here.
 */
final class MovableClock extends Clock {

  private final AtomicReference<Instant> now;

  MovableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  void advance(Duration by) {
    now.updateAndGet(at -> at.plus(by));
  }

  /** Registers this clock as the primary clock of the server being started. */
  ApplicationContextInitializer<GenericApplicationContext> initializer() {
    return context ->
        ((BeanDefinitionRegistry) context)
            .registerBeanDefinition(
                "movableClock",
                org.springframework.beans.factory.support.BeanDefinitionBuilder
                    .genericBeanDefinition(Clock.class, () -> this)
                    .setPrimary(true)
                    .getBeanDefinition());
  }
}
