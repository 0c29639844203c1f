package com.example.minimal;

import dev.racefree.Racefree;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A shop that debits an account and records the order in its own table, in one transaction. */
@SpringBootApplication
public class MinimalApplication {

  public static void main(String[] args) {
    SpringApplication.run(MinimalApplication.class, args);
  }

  @RestController
  static class Orders {

    private final Racefree rf;
    private final JdbcTemplate jdbc;

    Orders(Racefree rf, JdbcTemplate jdbc) {
      this.rf = rf;
      this.jdbc = jdbc;
    }

    @Transactional
    @PostMapping("/accounts/{accountId}/orders/{amount}")
    long order(@PathVariable long accountId, @PathVariable long amount) {
      rf.accounts().debit(accountId, amount);
      jdbc.update("INSERT INTO public.orders (account_id, amount) VALUES (?, ?)", accountId, amount);
      return rf.accounts().balance(accountId);
    }
  }
}
