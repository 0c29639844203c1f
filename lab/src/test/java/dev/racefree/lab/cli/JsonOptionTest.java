package dev.racefree.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.ParseResult;

/** {@code --json FILE}: one option, taken by every command that writes a report. */
class JsonOptionTest {

  @ParameterizedTest
  @ValueSource(strings = {"race", "bench", "chaos"})
  void each_command_with_a_report_parses_the_one_json_option(String command) {
    ParseResult parsed = LabCommand.commandLine().parseArgs(command, "--json", "report.json");
    JsonOption json =
        switch (parsed.subcommand().commandSpec().userObject()) {
          case RaceCommand race -> race.output.json;
          case BenchCommand bench -> bench.output.json;
          case ChaosCommand chaos -> chaos.json;
          default -> throw new AssertionError(command);
        };
    assertThat(json.file).isEqualTo(Path.of("report.json"));
  }

  @Test
  void writes_the_report_indented_and_nothing_without_a_file(@TempDir Path dir) throws Exception {
    JsonOption json = new JsonOption();
    assertThat(json.write(Map.of("clean", true))).isFalse();

    json.file = dir.resolve("report.json");
    assertThat(json.write(Map.of("clean", true))).isTrue();
    String written = Files.readString(json.file);
    assertThat(written).contains("\n");
    assertThat(new ObjectMapper().readTree(written).get("clean").asBoolean()).isTrue();
  }
}
