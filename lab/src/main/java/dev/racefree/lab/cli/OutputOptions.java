package dev.racefree.lab.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a report goes besides the table on stdout. */
final class OutputOptions {

  @Mixin JsonOption json = new JsonOption();

  @Option(
      names = "--chart",
      paramLabel = "FILE.png",
      description = "Also draw throughput (ops/s) against clients as a PNG.")
  @Nullable Path chart;

  @Option(
      names = "--no-progress",
      negatable = false,
      description = "No progress bar on stderr (for logs and CI).")
  boolean noProgress;
}
