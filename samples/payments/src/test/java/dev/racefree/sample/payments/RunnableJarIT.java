package dev.racefree.sample.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, started as {@code ./samples/payments/run} starts it (its own JVM, no {@code
 * spring.datasource.url}), comes up on its own embedded PostgreSQL and serves: what a class-path
 * test cannot see, such as a dependency missing from the jar.
 */
class RunnableJarIT {

  private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

  @Test
  void the_jar_starts_on_its_own_database_and_serves_idempotent_payments() throws Exception {
    Path jar = Path.of("target", "racefree-sample-payments.jar");
    assertThat(jar).exists();
    Process app =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--server.port=0")
            .redirectErrorStream(true)
            .start();
    StringBuilder log = new StringBuilder();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = Thread.ofPlatform().daemon().start(() -> read(app, log, port));
    try {
      int p = port.get(3, TimeUnit.MINUTES);
      HttpClient http = HttpClient.newHttpClient();
      assertThat(get(http, p, "/actuator/health").body()).contains("\"status\":\"UP\"");
      HttpResponse<String> opened =
          post(http, p, "/accounts", "{\"owner\":\"jar\",\"currency\":\"EUR\"}", null);
      assertThat(opened.statusCode()).isEqualTo(201);
      String deposits = opened.headers().firstValue("Location").orElseThrow() + "/deposits";
      HttpResponse<String> first = post(http, p, deposits, "{\"amount\":500}", "jar-1");
      HttpResponse<String> again = post(http, p, deposits, "{\"amount\":500}", "jar-1");
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).contains("\"balance\":500");
      assertThat(again.body()).isEqualTo(first.body());
      assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
      String account = opened.headers().firstValue("Location").orElseThrow().substring(10);
      HttpResponse<String> paid =
          post(http, p, "/payments", "{\"accountId\":" + account + ",\"amount\":200}", "jar-2");
      assertThat(paid.statusCode()).isEqualTo(201);
      HttpResponse<String> read = get(http, p, paid.headers().firstValue("Location").orElseThrow());
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body()).contains("\"amount\":200", "\"balanceAfter\":300");
    } finally {
      app.destroy(); // SIGTERM: Boot closes, the embedded server stops with the JVM
      if (!app.waitFor(1, TimeUnit.MINUTES)) {
        app.destroyForcibly();
      }
      reader.join();
      Files.writeString(Path.of("target", "runnable-jar.log"), log);
    }
  }

  private static void read(Process app, StringBuilder log, CompletableFuture<Integer> port) {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        log.append(line).append('\n');
        Matcher m = STARTED.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
      port.completeExceptionally(new IllegalStateException("the jar exited:\n" + log));
    } catch (IOException e) {
      port.completeExceptionally(e);
    }
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(
      HttpClient http, int port, String path, String json, String key)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
