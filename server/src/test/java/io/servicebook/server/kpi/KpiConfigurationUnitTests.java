package io.servicebook.server.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.kpi.MeasuredCase;
import io.servicebook.protocol.SurveyKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class KpiConfigurationUnitTests {

  @Test
  void withoutASurveyFeatureNoCaseHasSurveys() {
    new ApplicationContextRunner()
        .withUserConfiguration(KpiConfiguration.class)
        .run(
            context ->
                assertThat(context.getBean(SurveyFacts.class).surveysOf(List.of("c1"))).isEmpty());
  }

  @Test
  void aSurveyFeaturesFactsReplaceTheDefault() {
    new ApplicationContextRunner()
        .withUserConfiguration(SurveyFeature.class, KpiConfiguration.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(SurveyFacts.class);
              assertThat(context.getBean(SurveyFacts.class).surveysOf(List.of("c1")))
                  .containsKey("c1");
            });
  }

  @Configuration
  static class SurveyFeature {
    @Bean
    SurveyFacts surveys() {
      return ids -> Map.of("c1", List.of(MeasuredCase.Survey.answered(SurveyKind.CSAT, 5)));
    }
  }
}
