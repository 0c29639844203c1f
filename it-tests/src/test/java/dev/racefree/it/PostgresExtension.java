package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests a migrated PostgreSQL: a {@link DSLContext}, a {@link DataSource} or a {@link
 * Racefree}. Each test starts from a freshly migrated, empty schema, and fails if it leaves a
 * pooled connection checked out.
 */
public final class PostgresExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  @Override
  public void beforeEach(ExtensionContext context) {
    TestDatabase.get().reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    assertThat(TestDatabase.get().activeConnections())
        .as("connections still checked out after the test (a leak)")
        .isZero();
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> type = p.getParameter().getType();
    return type == DSLContext.class
        || type == DataSource.class
        || type == Racefree.class
        || type == Admin.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    TestDatabase db = TestDatabase.get();
    Class<?> type = p.getParameter().getType();
    if (type == DSLContext.class) {
      return db.dsl;
    }
    if (type == DataSource.class) {
      return db.dataSource;
    }
    if (type == Admin.class) {
      return new Admin(DSL.using(db.admin, SQLDialect.POSTGRES), db.admin);
    }
    return Racefree.using(db.dsl);
  }
}
