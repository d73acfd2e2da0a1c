package io.servicebook.server.feedback;

import io.servicebook.feedback.SurveyExpiry;
import java.net.URI;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The surveys' settings: {@code servicebook.surveys.expire-after} (how long a link stays open, an
 * ISO-8601 duration, {@code P30D} unless set) and {@code servicebook.public-url}, the address
 * customers reach this server at, which survey links start with. Without it a link starts with the
 * address of the request at hand, or {@code http://localhost:PORT} outside a request; set it in
 * production, where a proxy stands in front.
 */
@Component
class SurveySettings {

  private final SurveyExpiry expiry;
  private final Optional<String> publicUrl;
  private final Environment environment;

  SurveySettings(
      @Value("${servicebook.surveys.expire-after:" + SurveyExpiry.DEFAULT + "}") String expireAfter,
      @Value("${servicebook.public-url:}") String publicUrl,
      Environment environment) {
    this.expiry = SurveyExpiry.parse(expireAfter, "servicebook.surveys.expire-after");
    this.publicUrl = read(publicUrl);
    this.environment = environment;
  }

  private static Optional<String> read(String setting) {
    String url = setting.strip();
    if (url.isEmpty()) {
      return Optional.empty();
    }
    URI uri = URI.create(url);
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "servicebook.public-url is “"
              + setting
              + "”; write the address customers reach this server at, such as"
              + " https://support.example.com.");
    }
    return Optional.of(url.replaceAll("/+$", ""));
  }

  SurveyExpiry expiry() {
    return expiry;
  }

  /** The public page of the survey with this token. */
  String link(String token) {
    return baseUrl() + "/s/" + token;
  }

  private String baseUrl() {
    if (publicUrl.isPresent()) {
      return publicUrl.get();
    }
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
      return ServletUriComponentsBuilder.fromContextPath(request.getRequest())
          .replaceQuery(null)
          .build()
          .toUriString();
    }
    return "http://localhost:"
        + environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8080"));
  }
}
