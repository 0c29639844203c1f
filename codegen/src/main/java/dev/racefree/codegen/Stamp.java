package dev.racefree.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** A digest of the migrations and generator settings, kept beside the generated classes. */
record Stamp(String digest) {

  private static final String FILE = ".racefree-codegen.sha256";

  static Stamp of(Path migrations, String settings) {
    if (!Files.isDirectory(migrations)) {
      throw new IllegalArgumentException("migrations directory not found: " + migrations);
    }
    try (Stream<Path> files = Files.walk(migrations)) {
      List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(settings.getBytes(StandardCharsets.UTF_8));
      for (Path file : sorted) {
        sha.update(migrations.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Files.readAllBytes(file));
        sha.update((byte) 0);
      }
      return new Stamp(HexFormat.of().formatHex(sha.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean matches(Path output) {
    Path file = output.resolve(FILE);
    try {
      return Files.isRegularFile(file) && Files.readString(file).strip().equals(digest);
    } catch (IOException e) {
      return false;
    }
  }

  void writeTo(Path output) throws IOException {
    Files.writeString(output.resolve(FILE), digest + "\n");
  }
}
