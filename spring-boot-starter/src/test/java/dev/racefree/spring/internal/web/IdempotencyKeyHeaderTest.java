package dev.racefree.spring.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The two forms of the Idempotency-Key header, and everything else refused. */
class IdempotencyKeyHeaderTest {

  @Test
  void a_structured_field_string_is_unquoted_and_unescaped() throws Exception {
    assertThat(IdempotencyKeyHeader.parse("\"8e03978e-40d5\"")).isEqualTo("8e03978e-40d5");
    assertThat(IdempotencyKeyHeader.parse("\"a b, c; d=e\"")).isEqualTo("a b, c; d=e");
    assertThat(IdempotencyKeyHeader.parse("\"say \\\"hi\\\" \\\\o/\""))
        .isEqualTo("say \"hi\" \\o/");
    assertThat(IdempotencyKeyHeader.parse("  \"k\"  ")).isEqualTo("k");
  }

  @Test
  void a_bare_token_is_taken_as_it_is() throws Exception {
    assertThat(IdempotencyKeyHeader.parse("8e03978e-40d5-43e8-bc93-6894a57f9324"))
        .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
    assertThat(IdempotencyKeyHeader.parse("order:42/a+b=_~*")).isEqualTo("order:42/a+b=_~*");
    assertThat(IdempotencyKeyHeader.parse(" k ")).isEqualTo("k");
  }

  @Test
  void everything_else_is_refused() {
    String[] refused = {
      "",
      "   ",
      "\"\"",
      "\"unterminated",
      "\"",
      "\"ends in an escape\\",
      "\"bad \\n escape\"",
      "\"a\" trailing",
      "\"a\", \"b\"",
      "\"a\";p=1",
      "\"tab\tinside\"",
      "\ttab-before",
      "tab\tinside",
      "\"nel\u0085\"",
      "csi\u009b",
      "\"bell\u0007\"",
      "del\u007f",
      "\"caf\u00e9\"",
      "caf\u00e9",
      "\"\u20ac\"",
      "two words",
      "a,b",
      "back\\slash",
      "quo\"te",
    };
    for (String value : refused) {
      assertThatThrownBy(() -> IdempotencyKeyHeader.parse(value))
          .as("%s", value)
          .isInstanceOf(IdempotencyKeyHeader.Invalid.class)
          .hasMessageContaining("Idempotency-Key");
    }
  }

  @Test
  void a_header_given_twice_is_refused_and_a_missing_one_is_null() throws Exception {
    MockHttpServletRequest twice = new MockHttpServletRequest();
    twice.addHeader(IdempotencyKeyHeader.NAME, "a");
    twice.addHeader(IdempotencyKeyHeader.NAME, "a");
    assertThatThrownBy(() -> IdempotencyKeyHeader.value(twice))
        .isInstanceOf(IdempotencyKeyHeader.Invalid.class)
        .hasMessageContaining("exactly one");
    assertThat(IdempotencyKeyHeader.value(new MockHttpServletRequest())).isNull();
  }
}
