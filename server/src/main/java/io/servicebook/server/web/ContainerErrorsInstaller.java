package io.servicebook.server.web;

import org.apache.catalina.Container;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ContainerErrors} in place of Tomcat's error report on the host, after Spring Boot's
 * own customizing (which adds a plain one), so it is the only one left.
 */
@Component
class ContainerErrorsInstaller
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  private final MessageSource messages;

  ContainerErrorsInstaller(MessageSource messages) {
    this.messages = messages;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> install(context.getParent()));
  }

  private void install(Container parent) {
    if (!(parent instanceof StandardHost host)) {
      return;
    }
    for (var valve : host.getPipeline().getValves()) {
      if (ContainerErrors.replaces(valve)) {
        host.getPipeline().removeValve(valve);
      }
    }
    host.setErrorReportValveClass(ContainerErrors.class.getName());
    host.getPipeline().addValve(new ContainerErrors(messages));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
