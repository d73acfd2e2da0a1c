package io.servicebook.server.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.kpi.Dimension;
import io.servicebook.kpi.GroupKey;
import io.servicebook.kpi.Rollup;
import io.servicebook.kpi.Slicing;
import io.servicebook.kpi.Window;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KpiTableUnitTests {

  @Test
  void quotesCellsWithCommasQuotesAndLineBreaksAsRfc4180Says() {
    assertThat(KpiTable.line(List.of("plain", "a,b", "say \"hi\"", "two\nlines")))
        .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
  }

  @Test
  void namesAGroupByItsValuesAndTheWholeAsAll() {
    assertThat(KpiTable.key(GroupKey.ALL)).isEqualTo("all");
    assertThat(
            KpiTable.key(
                new GroupKey(List.of(Dimension.CHANNEL, Dimension.TIER), List.of("chat", "vip"))))
        .isEqualTo("chat|vip");
  }

  @Test
  void aReportWithoutGroupsIsOneRowOfEmptyCellsWhereThereIsNoData() {
    KpiReports.Report report =
        new KpiReports.Report(
            new KpiQuery(
                Optional.empty(),
                Optional.empty(),
                new Window(Instant.EPOCH, Instant.EPOCH.plusSeconds(60))),
            new Slicing(List.of(), ZoneOffset.UTC),
            Rollup.empty(),
            new TreeMap<>());

    List<String> lines = List.of(KpiTable.csv(report).split("\r\n"));

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("group,cases,resolved,resolution_rate,");
    assertThat(lines.get(1)).startsWith("all,0,0,,");
  }
}
