package io.servicebook.server.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web server's own error answers — for requests refused before the application sees them
 * (headers too large, a malformed request line or URI, a form body over the limit) and for whatever
 * else reaches the container unanswered: problem+json under {@code /api}, a plain page in the
 * console's look elsewhere, instead of Tomcat's HTML report.
 */
class ContainerErrors extends ErrorReportValve {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final MessageSource messages;

  ContainerErrors(MessageSource messages) {
    this.messages = messages;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    boolean api = ServerErrors.isApi(request.getRequestURI());
    try {
      response.setContentType(api ? "application/problem+json" : "text/html");
      response.setCharacterEncoding("utf-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(api ? problem(status) : page(status, locale(request)));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response was committed meanwhile: nothing left to tell
    }
  }

  private static String problem(int status) {
    return JSON.writeValueAsString(
        ServerErrors.problem(
            Problems.ofStatus(HttpStatusCode.valueOf(status), ServerErrors.detail(status))));
  }

  private String page(int status, Locale locale) {
    String key = "error." + (status >= 500 ? "5xx" : status == 404 ? "404" : "4xx");
    return """
        <!DOCTYPE html>
        <html lang="%s"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title><link rel="stylesheet" href="/static/app.css"></head>
        <body><main id="main" class="error-page"><section class="error-card">
        <p class="error-code">%d</p><h1>%s</h1><p>%s</p>
        <p><a class="button-primary" href="/">%s</a></p>
        </section></main></body></html>
        """
        .formatted(
            locale.getLanguage(),
            text(key + ".title", locale),
            status,
            text(key + ".heading", locale),
            text(key + ".text", locale),
            text("error.home", locale));
  }

  private String text(String key, Locale locale) {
    return HtmlUtils.htmlEscape(messages.getMessage(key, null, key, locale));
  }

  private static Locale locale(Request request) {
    Locale asked = request.getLocale();
    return switch (asked.getLanguage()) {
      case "de" -> Locale.GERMAN;
      case "es" -> Locale.of("es");
      default -> Locale.ENGLISH;
    };
  }

  /** Whether the valve is one Tomcat or Spring Boot put in place of this one. */
  static boolean replaces(Valve valve) {
    return valve instanceof ErrorReportValve && !(valve instanceof ContainerErrors);
  }
}
