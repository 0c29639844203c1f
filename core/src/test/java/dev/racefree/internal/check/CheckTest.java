package dev.racefree.internal.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.exception.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class CheckTest {

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  public void ids_and_amounts_must_be_positive(long bad) {
    assertThatThrownBy(() -> Check.id(bad, "fromId"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("fromId");
    assertThatThrownBy(() -> Check.amount(bad, "amount"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("amount");
  }

  @Test
  public void names_must_be_present_not_blank_and_short() {
    assertThatThrownBy(() -> Check.name(null, "owner"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("owner");
    assertThatThrownBy(() -> Check.name("   ", "owner"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("owner");
    assertThatThrownBy(() -> Check.name("x".repeat(Check.MAX_NAME + 1), "owner"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("owner");
    assertThat(Check.name("x".repeat(Check.MAX_NAME), "owner")).hasSize(Check.MAX_NAME);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a\tb", "key\n", "\rkey", "a\u007Fb", "\u0085", "a\u0085b", "a\u009Bb", "\u0001"})
  public void control_characters_are_refused_anywhere(String bad) {
    assertThatThrownBy(() -> Check.text(bad, "key", 200))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("key must not contain a control character");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u2028", "\u2029 \u2028", "\u200B", "\uFEFF\u3000"})
  public void separators_and_invisible_format_characters_alone_are_blank(String blank) {
    assertThatThrownBy(() -> Check.text(blank, "key", 200))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("key must not be blank");
    assertThat(Check.text("a" + blank + "b", "key", 200)).isEqualTo("a" + blank + "b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"eur", "EURO", "XYZ", "E1R", ""})
  public void currencies_must_be_iso_4217_in_upper_case(String bad) {
    assertThatThrownBy(() -> Check.currency(bad, "currency"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("currency");
  }

  @Test
  public void a_known_currency_passes() {
    assertThat(Check.currency("EUR", "currency")).isEqualTo("EUR");
  }
}
