package io.servicebook.server.kpi;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The KPI feature's defaults: no surveys until a survey feature provides its {@link SurveyFacts}.
 */
@Configuration
class KpiConfiguration {

  @Bean
  @ConditionalOnMissingBean(SurveyFacts.class)
  SurveyFacts noSurveys() {
    return caseIds -> Map.of();
  }
}
