package dev.racefree.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.spring.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code racefree.http.problems.enabled=false} racefree's refusals get Boot's default 500. */
@SpringBootTest(
    classes = ProblemsTestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "racefree.http.problems.enabled=false")
class ProblemsOffTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.register(registry, ProblemsTest.DB);
  }

  @LocalServerPort int port;
  @Autowired Racefree rf;

  private HttpResponse<String> post(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void racefrees_refusals_are_the_default_500() throws Exception {
    long id = rf.accounts().open("problems-off", "EUR");
    rf.accounts().credit(id, 100);
    for (String path : new String[] {"/zero/" + id, "/overflow/" + id}) {
      HttpResponse<String> r = post(path);
      assertThat(r.statusCode()).as(path).isEqualTo(500);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(r.body()).contains("\"status\":500");
    }
    assertThat(post("/local").statusCode()).isEqualTo(418); // the application's own still answers
  }
}
