package dev.racefree.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.exception.InternalErrorException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jooq.Configuration;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bind roles are found by name under any settings, and a statement that binds otherwise fails
 * loudly.
 */
public class HotStatementsTest {

  public static Stream<Settings> settings() {
    return Stream.of(
        new Settings(),
        new Settings().withStatementType(StatementType.STATIC_STATEMENT),
        new Settings().withParamType(ParamType.INLINED),
        new Settings().withParamType(ParamType.NAMED),
        new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER));
  }

  @ParameterizedTest
  @MethodSource("settings")
  public void every_hot_statement_binds_exactly_its_declared_roles_at_jdbc_placeholders(
      Settings settings) {
    Configuration cfg = DSL.using(SQLDialect.POSTGRES, settings).configuration();
    for (Statement s : HotStatements.ALL) {
      Statement.Rendered r = s.rendered(cfg);
      long placeholders = r.sql().chars().filter(c -> c == '?').count();
      assertThat(placeholders).as(s.name()).isEqualTo(r.roles().size());
      assertThat(r.sql())
          .as(s.name())
          .doesNotContain(":account_id")
          .doesNotContain("-9223372036854775807");
    }
    assertThat(HotStatements.DEBIT.rendered(cfg).roles())
        .containsExactly(
            Role.ACCOUNT_ID,
            Role.DELTA,
            Role.LIMIT,
            Role.ENTRY_AMOUNT,
            Role.ENTRY_KIND,
            Role.CORRELATION_ID,
            Role.IDEMPOTENCY_KEY_ID,
            Role.POSTING_ID,
            Role.COUNTERPARTY_ID,
            Role.REFERENCE,
            Role.UNIQUE_REFERENCE,
            Role.CODE,
            Role.METADATA_KEYS,
            Role.METADATA_VALUES,
            Role.SPENT);
    assertThat(HotStatements.CREDIT.rendered(cfg).roles()).doesNotContain(Role.SPENT);
    assertThat(HotStatements.LOCK.rendered(cfg).roles()).containsExactly(Role.ACCOUNT_ID);
  }

  @Test
  public void equal_settings_share_one_rendering() {
    Statement.Rendered a =
        HotStatements.CREDIT.rendered(
            DSL.using(SQLDialect.POSTGRES, new Settings()).configuration());
    Statement.Rendered b =
        HotStatements.CREDIT.rendered(
            DSL.using(SQLDialect.POSTGRES, new Settings()).configuration());
    assertThat(b).isSameAs(a);
  }

  @Test
  public void a_statement_whose_parameters_do_not_match_its_declared_roles_fails_with_its_sql() {
    Statement undeclared =
        new Statement(
            "broken",
            EnumSet.of(Role.ACCOUNT_ID),
            dsl ->
                dsl.select(Role.ACCOUNT_ID.param(org.jooq.impl.SQLDataType.BIGINT), DSL.val(1L)));
    assertThatThrownBy(() -> undeclared.rendered(DSL.using(SQLDialect.POSTGRES).configuration()))
        .isInstanceOf(InternalErrorException.class)
        .hasMessageContaining("broken")
        .hasMessageContaining("select");

    Statement missing =
        new Statement(
            "missing",
            EnumSet.of(Role.ACCOUNT_ID, Role.DELTA),
            dsl -> dsl.select(Role.ACCOUNT_ID.param(org.jooq.impl.SQLDataType.BIGINT)));
    assertThatThrownBy(() -> missing.rendered(DSL.using(SQLDialect.POSTGRES).configuration()))
        .isInstanceOf(InternalErrorException.class)
        .hasMessageContaining("declares");
    assertThat(List.of(Role.values()))
        .allMatch(r -> r.paramName().equals(r.name().toLowerCase(Locale.ROOT)));
  }
}
