package dev.racefree.lab.report;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr (so stdout stays the report), or nothing. Safe from many threads. */
public interface Progress extends AutoCloseable {

  Progress NONE =
      new Progress() {
        @Override
        public void step() {}

        @Override
        public void message(String text) {}

        @Override
        public void close() {}
      };

  void step();

  void message(String text);

  @Override
  void close();

  static Progress bar(String task, long total, String unit, boolean showSpeed, boolean enabled) {
    if (!enabled) {
      return NONE;
    }
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setUnit(" " + unit, 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .setUpdateIntervalMillis(250);
    if (showSpeed) {
      builder.showSpeed();
    }
    ProgressBar bar = builder.build();
    return new Progress() {
      @Override
      public void step() {
        bar.step();
      }

      @Override
      public void message(String text) {
        bar.setExtraMessage(" " + text);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
