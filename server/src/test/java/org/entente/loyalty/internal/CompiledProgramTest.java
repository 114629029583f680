package org.entente.loyalty.internal;

import org.entente.loyalty.Program;
import org.entente.platform.Money;
import org.entente.profile.EventFacts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Earning rules compiled once: multipliers by specificity, points on what was paid, expiry in the program's zone. */
class CompiledProgramTest {

    private static EventFacts.Item item(String sku, String brand, String category, int quantity, String price) {
        return new EventFacts.Item(sku, Optional.ofNullable(brand), Optional.ofNullable(category), quantity,
                Money.of(price, "EUR"));
    }

    private static CompiledProgram program(Program.Earning earning) {
        Program defaults = Program.defaults();
        return new CompiledProgram(new Program(1, null, null, true, "EUR", "Europe/Paris", defaults.tiers(), earning,
                defaults.expiry(), defaults.card(), defaults.returns(), defaults.review()));
    }

    @Test
    void theDefaultProgramIsValid() {
        assertThat(ProgramValidator.validate(Program.defaults())).isEmpty();
        CompiledProgram program = new CompiledProgram(Program.defaults());
        assertThat(program.cardTier()).hasValue("member");
        assertThat(program.rank("insider")).isEqualTo(1);
        assertThat(program.rank("gold")).isEqualTo(-1);
    }

    @Test
    void theMostSpecificMultiplierWinsAndPointsFollowWhatWasPaid() {
        CompiledProgram program = program(new Program.Earning(new BigDecimal("1.5"), List.of(
                new Program.Multiplier(null, null, "baby", new BigDecimal("2")),
                new Program.Multiplier(null, "X", null, new BigDecimal("3")),
                new Program.Multiplier("SKU-0", null, null, BigDecimal.ZERO)), List.of(), null));
        // 10 x 3 (brand beats category) + 10 x 0 (SKU beats brand) + 20 x 2 = 70 weighed, on 40 listed.
        EventFacts.Purchase order = new EventFacts.Purchase("o1", Money.of("40.00", "EUR"), Optional.empty(), List.of(
                item("SKU-1", "X", "baby", 1, "10.00"),
                item("SKU-0", "X", "baby", 1, "10.00"),
                item("SKU-2", "Y", "baby", 2, "10.00")));
        assertThat(program.pointsFor(order)).isEqualTo(105);
        // A 20% discount in the total takes 20% of the points: 70 x 0.8 x 1.5 = 84.
        EventFacts.Purchase discounted = new EventFacts.Purchase("o2", Money.of("32.00", "EUR"), Optional.empty(),
                order.items());
        assertThat(program.pointsFor(discounted)).isEqualTo(84);
        // Without lines, the total earns at the base rate, rounded down once.
        assertThat(program.pointsFor(new EventFacts.Purchase("o3", Money.of("9.99", "EUR"), Optional.empty(),
                List.of()))).isEqualTo(14);
        assertThat(program.pointsFor(new EventFacts.Purchase("o4", Money.of("9.99", "USD"), Optional.empty(),
                List.of()))).isZero();
    }

    @Test
    void lotsExpireInMonthsOfTheProgramsZone() {
        Program defaults = Program.defaults();
        CompiledProgram program = new CompiledProgram(new Program(1, null, null, true, "EUR", "Europe/Paris",
                defaults.tiers(), defaults.earning(), new Program.Expiry(6, null), defaults.card(), defaults.returns(),
                defaults.review()));
        // 11:00 in Paris in January, 11:00 in Paris in July: an hour earlier in UTC, summer time.
        assertThat(program.expiresAt(Instant.parse("2026-01-15T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-07-15T09:00:00Z"));
        // 00:30 on 1 January in Paris is still 31 December in UTC.
        assertThat(program.day(Instant.parse("2026-12-31T23:30:00Z")).toString()).isEqualTo("2027-01-01");
    }

    @Test
    void anInvalidDefinitionCannotBeCompiled() {
        Program defaults = Program.defaults();
        assertThatThrownBy(() -> new CompiledProgram(new Program(1, null, null, true, "XXX", "Europe/Paris",
                defaults.tiers(), defaults.earning(), defaults.expiry(), defaults.card(), defaults.returns(),
                defaults.review()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cardNumbersCarryALuhnCheckDigit() {
        assertThat(Announcements.luhn("7992739871")).isEqualTo(3);
    }
}
