package io.servicebook.server.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/**
 * The geometry of the dashboard's charts in their SVG viewBox: where a value lies on an axis, the
 * points of a line, the shade of a heatmap cell. The template draws the shapes; this only places
 * them, so that the drawing and the table beside it come from the same numbers.
 */
final class SvgCharts {

  /** How many shades a heatmap cell can take, besides none for 0. */
  static final int SHADES = 5;

  /**
   * A line through the values as polyline points: value i at {@code x(i)}, values from {@code min}
   * at {@code bottom} to {@code max} at {@code top}; a value that is missing is left out.
   */
  static String line(
      List<Optional<Double>> values,
      IntToDoubleFunction x,
      double min,
      double max,
      double bottom,
      double top) {
    List<String> points = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      int at = i;
      values
          .get(i)
          .ifPresent(
              v -> points.add(number(x.applyAsDouble(at)) + "," + y(v, min, max, bottom, top)));
    }
    return String.join(" ", points);
  }

  /**
   * The sparkline of a tile in a 100×30 box: weeks left to right, the lowest value at the bottom, a
   * flat line in the middle; empty with fewer than two known values.
   */
  static String sparkline(List<Optional<Double>> values) {
    List<Double> known = values.stream().flatMap(Optional::stream).toList();
    if (known.size() < 2) {
      return "";
    }
    double min = known.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = known.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    double last = Math.max(1, values.size() - 1);
    if (max == min) {
      return line(values, i -> 2 + i / last * 96, min - 1, max + 1, 28, 2);
    }
    return line(values, i -> 2 + i / last * 96, min, max, 28, 2);
  }

  /** Where {@code value} lies between {@code bottom} (at {@code min}) and {@code top} (at max). */
  static String y(double value, double min, double max, double bottom, double top) {
    double span = max - min == 0 ? 1 : max - min;
    return number(bottom - (value - min) / span * (bottom - top));
  }

  /** The middle of band {@code i} of {@code n} equal bands from {@code left} to {@code right}. */
  static double band(int i, int n, double left, double right) {
    return left + (i + 0.5) * (right - left) / Math.max(1, n);
  }

  /** Where {@code value} lies on an axis centred on 0 that reaches ±{@code reach}. */
  static double centred(double value, double reach, double centre, double half) {
    return reach == 0 ? centre : centre + value / reach * half;
  }

  /** The shade of a count, from 0 (none) to {@link #SHADES} (the largest count). */
  static int shade(long count, long max) {
    if (count <= 0 || max <= 0) {
      return 0;
    }
    return (int) Math.max(1, Math.ceil((double) count / max * SHADES));
  }

  /** A label cut to {@code length} characters with an ellipsis, for an axis. */
  static String shortened(String label, int length) {
    return label.length() <= length ? label : label.substring(0, length - 1).strip() + "…";
  }

  /** A coordinate with one decimal, as SVG attributes take it. */
  static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private SvgCharts() {}
}
