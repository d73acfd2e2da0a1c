package io.servicebook.server.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console speaks the browser's language (Accept-Language) unless the user picked one with
 * {@code ?lang=de}, which a cookie remembers. It speaks English, German and Spanish ({@link
 * #LANGUAGES}); any other language asked for is English.
 */
@Configuration
class ConsoleConfiguration implements WebMvcConfigurer {

  /** The console's languages, the first the fallback; each has its messages_xx bundles. */
  static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.of("es"));

  /** The console's language nearest to the one asked for: same language, else English. */
  static Locale supported(@Nullable Locale asked) {
    if (asked == null) {
      return LANGUAGES.get(0);
    }
    return LANGUAGES.stream()
        .filter(l -> l.getLanguage().equals(asked.getLanguage()))
        .findFirst()
        .orElse(LANGUAGES.get(0));
  }

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver =
        new CookieLocaleResolver("servicebook-lang") {
          @Override
          public void setLocaleContext(
              HttpServletRequest request,
              @Nullable HttpServletResponse response,
              @Nullable LocaleContext context) {
            super.setLocaleContext(
                request,
                response,
                context == null ? null : new SimpleLocaleContext(supported(context.getLocale())));
          }
        };
    resolver.setDefaultLocaleFunction(
        request ->
            Collections.list(request.getLocales()).stream()
                .filter(asked -> supported(asked).getLanguage().equals(asked.getLanguage()))
                .findFirst()
                .map(ConsoleConfiguration::supported)
                .orElse(LANGUAGES.get(0)));
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
