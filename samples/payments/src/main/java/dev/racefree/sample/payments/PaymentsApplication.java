package dev.racefree.sample.payments;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A payments service: accounts, payments and holds over HTTP, every money-moving request guarded by
 * its {@code Idempotency-Key}. Without {@code spring.datasource.url} it starts its own PostgreSQL
 * ({@link EmbeddedPostgresForDevelopment}).
 */
@SpringBootApplication
public class PaymentsApplication {

  /** Starts the service. */
  public static void main(String[] args) {
    SpringApplication.run(PaymentsApplication.class, args);
  }
}
