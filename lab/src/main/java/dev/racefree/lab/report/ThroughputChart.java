package dev.racefree.lab.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Throughput against client count as a PNG: one panel per group of rows (one for a race, one per
 * strategy and workload for a bench), one line per series.
 */
public final class ThroughputChart {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;

  private ThroughputChart() {}

  public static void write(
      Path file,
      String subtitle,
      List<ResultRow> rows,
      Function<ResultRow, String> panel,
      Function<ResultRow, String> series)
      throws IOException {
    List<XYChart> charts = new ArrayList<>();
    Rows.groupBy(rows.stream().filter(ResultRow::ran).toList(), panel)
        .forEach((title, panelRows) ->
            charts.add(chart(title + "  [" + subtitle + "]", Rows.groupBy(panelRows, series))));
    int cols = charts.size() == 1 ? 1 : 2;
    int rowsOfCharts = (charts.size() + cols - 1) / cols;
    String name = file.toString().replaceFirst("(?i)\\.png$", "");
    if (charts.size() == 1) {
      BitmapEncoder.saveBitmap(charts.getFirst(), name, BitmapEncoder.BitmapFormat.PNG);
    } else {
      BitmapEncoder.saveBitmap(charts, rowsOfCharts, cols, name, BitmapEncoder.BitmapFormat.PNG);
    }
  }

  private static XYChart chart(String title, Map<String, List<ResultRow>> series) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("concurrent clients")
            .yAxisTitle("throughput (operations per second)")
            .build();
    XYStyler style = chart.getStyler();
    style.setLegendPosition(Styler.LegendPosition.OutsideS);
    style.setChartBackgroundColor(Color.WHITE);
    style.setPlotGridLinesVisible(true);
    style.setYAxisMin(0.0);
    style.setYAxisDecimalPattern("#,##0");
    style.setXAxisDecimalPattern("0");
    style.setMarkerSize(8);
    style.setChartTitleFont(style.getChartTitleFont().deriveFont(14f));
    style.setLegendLayout(Styler.LegendLayout.Horizontal);
    series.forEach((name, points) -> {
      List<ResultRow> sorted =
          points.stream().sorted(Comparator.comparingInt(r -> r.run().clients())).toList();
      XYSeries s =
          chart.addSeries(
              name,
              sorted.stream().map(r -> (Number) r.run().clients()).toList(),
              sorted.stream().map(r -> (Number) r.throughput().opsPerSecond()).toList());
      s.setMarker(SeriesMarkers.CIRCLE);
    });
    return chart;
  }
}
