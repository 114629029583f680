package org.entente.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void amountsTakeTheScaleOfTheirCurrencyAndAreNeverRounded() {
        assertThat(Money.of("12.5", "EUR").amount().toPlainString()).isEqualTo("12.50");
        assertThat(Money.of("1200", "JPY").amount().toPlainString()).isEqualTo("1200");
        assertThatThrownBy(() -> Money.of("12.345", "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheSameCurrencyAdds() {
        assertThat(Money.of("1.10", "EUR").plus(Money.of("2", "EUR"))).isEqualTo(Money.of("3.10", "EUR"));
        assertThat(Money.of("1", "EUR").minus(Money.of("2", "EUR")).isNegative()).isTrue();
        assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
