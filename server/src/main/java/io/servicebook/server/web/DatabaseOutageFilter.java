package io.servicebook.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Catches a database outage that surfaces in a filter — the API token or the signed-in user cannot
 * be looked up — before the web server logs it as a crash, and hands it to {@link ServerErrors} as
 * a 503: one line in the log per refused request instead of a stack trace.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutageFilter extends OncePerRequestFilter {

  /** The request attribute that carries the outage to the error page. */
  static final String OUTAGE = DatabaseOutageFilter.class.getName() + ".OUTAGE";

  private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException failure) {
      if (response.isCommitted() || !DatabaseOutage.causes(failure)) {
        throw failure;
      }
      log.warn("The database is unavailable ({}): {}", request.getRequestURI(), failure.toString());
      request.setAttribute(OUTAGE, failure);
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
  }
}
