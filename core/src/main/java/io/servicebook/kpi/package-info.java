/**
 * KPIs of protocols: the numbers of a group of cases, kept in mergeable rollups, checked against a
 * protocol's benchmarks and compared between two versions with confidence intervals. Every
 * definition is in {@code docs/kpis.md}. Start with {@link io.servicebook.kpi.Kpis}. Plain Java, no
 * I/O.
 */
@NullMarked
package io.servicebook.kpi;

import org.jspecify.annotations.NullMarked;
