package dev.racefree.lab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --json FILE}: a command's report, also written as indented JSON. */
final class JsonOption {

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
  @Nullable Path file;

  /** Writes {@code report} to the file given; false, writing nothing, when none was. */
  boolean write(Object report) throws IOException {
    Path to = file;
    if (to == null) {
      return false;
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(to.toFile(), report);
    return true;
  }
}
