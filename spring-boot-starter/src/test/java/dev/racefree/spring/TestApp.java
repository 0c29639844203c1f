package dev.racefree.spring;

import dev.racefree.Racefree;
import java.util.function.Supplier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.annotation.Transactional;

/** A Spring Boot application as a user writes one: auto-configuration and a @Transactional bean. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApp {

  @Bean
  Tills tills(Racefree rf) {
    return new Tills(rf);
  }

  /** A service whose methods run the given work inside @Transactional. */
  static class Tills {

    final Racefree rf;

    Tills(Racefree rf) {
      this.rf = rf;
    }

    @Transactional
    public <T> T inTransaction(Supplier<T> work) {
      return work.get();
    }

    /** Runs {@code work}, then fails: Spring rolls the transaction back. */
    @Transactional
    public void failingAfter(Runnable work) {
      work.run();
      throw new IllegalStateException("failed after racefree's writes");
    }
  }
}
