package dev.racefree.lab.cli;

import dev.racefree.lab.report.Report;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.report.ThroughputChart;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Function;

/** What every command does last: files, the verdict, the wall time, the exit code. */
final class Finish {

  private Finish() {}

  static int report(
      PrintWriter out,
      Report report,
      OutputOptions output,
      String chartSubtitle,
      Function<ResultRow, String> panel,
      Function<ResultRow, String> series,
      long startedNanos)
      throws IOException {
    if (output.json.write(report)) {
      out.println("JSON written to " + output.json.file);
    }
    if (output.chart != null && report.results().stream().noneMatch(ResultRow::ran)) {
      out.println("no chart: no point ran");
    } else if (output.chart != null) {
      ThroughputChart.write(output.chart, chartSubtitle, report.results(), panel, series);
      out.println("chart written to " + output.chart);
    }
    out.printf("wall time: %.1f s%n", (System.nanoTime() - startedNanos) / 1e9);
    if (report.brokeInvariant()) {
      out.println("FAILED: a racefree strategy lost an update or broke a balance invariant.");
      return LabCommand.BROKE_INVARIANT;
    }
    if (report.racefreeErrors() > 0) {
      out.println(
          "FAILED: a racefree strategy hit " + report.racefreeErrors() + " unexpected errors.");
      return LabCommand.ERRORS;
    }
    out.println("OK: every racefree strategy kept every balance exact.");
    return 0;
  }
}
