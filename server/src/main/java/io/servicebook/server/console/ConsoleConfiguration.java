package io.servicebook.server.console;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console speaks the browser's language (Accept-Language) unless the user picked one with
 * {@code ?lang=de}, which a cookie remembers.
 */
@Configuration
class ConsoleConfiguration implements WebMvcConfigurer {

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver("servicebook-lang");
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookieHttpOnly(true);
    resolver.setCookieSecure(true);
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change).excludePathPatterns("/api/**");
  }
}
