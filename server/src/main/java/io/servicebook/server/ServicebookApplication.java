package io.servicebook.server;

import io.servicebook.server.demo.DemoClock;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The Servicebook server: one Spring Boot application, packages by feature below this one. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ServicebookApplication {

  /**
   * The one source of time: UTC, except on the thread that writes the demo's backdated history (see
   * {@link DemoClock}); tests replace it with a fixed or settable clock.
   */
  @Bean
  Clock clock() {
    return new DemoClock(Clock.systemUTC());
  }

  /** Starts the server with the given Spring properties (see {@code ServeCommand}). */
  public static SpringApplication application() {
    return new SpringApplication(ServicebookApplication.class);
  }

  public static void main(String[] args) {
    SpringApplication.run(ServicebookApplication.class, args);
  }
}
