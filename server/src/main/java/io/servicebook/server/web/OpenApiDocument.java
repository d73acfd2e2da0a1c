package io.servicebook.server.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document of {@code /api/v1}, generated from the controllers and served without a
 * token at {@code /v3/api-docs} (JSON) and {@code /v3/api-docs.yaml}, so clients can be generated
 * from it. Every operation needs an API token; errors are problem+json (RFC 9457).
 */
@Configuration
class OpenApiDocument {

  private static final String BEARER = "bearer";

  @Bean
  OpenAPI servicebookApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Servicebook API")
                .version("v1")
                .description(
                    "Protocols, cases, guided runs, SLA clocks, escalations, follow-ups and"
                        + " compensation. Send an API token as `Authorization: Bearer TOKEN`"
                        + " (`servicebook user token NAME` prints one). Errors are"
                        + " `application/problem+json` (RFC 9457) with a stable `type` and, for"
                        + " invalid input, an `errors` list naming each field.")
                .license(
                    new License()
                        .name("Apache-2.0")
                        .url("https://www.apache.org/licenses/LICENSE-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API token of a Servicebook user")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }
}
