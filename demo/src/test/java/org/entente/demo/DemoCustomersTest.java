package org.entente.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoCustomersTest {

    private static final int POPULATION = 100_000;
    private static final DemoBrand BRAND = DemoBrand.of(42);
    private static List<DemoCustomer> customers;

    @BeforeAll
    static void generate() {
        customers = BRAND.customers(POPULATION).toList();
    }

    @Test
    void sameSeedGivesTheSameCustomersWhateverTheOrderOfGeneration() {
        var again = DemoBrand.of(42);

        assertThat(again.customers(2_000).parallel().toList()).isEqualTo(customers.subList(0, 2_000));
        assertThat(again.customer(77_777)).isEqualTo(customers.get(77_777));
    }

    @Test
    void differentSeedsGiveDifferentCustomers() {
        var other = DemoBrand.of(43).customers(1_000).toList();

        long differentEmails = IntStream.range(0, 1_000)
                .filter(i -> !other.get(i).email().equals(customers.get(i).email()))
                .count();
        assertThat(differentEmails).isGreaterThan(990);
    }

    @Test
    void identifiersAreUnique() {
        assertUnique(DemoCustomer::customerId);
        assertUnique(DemoCustomer::email);
        assertUnique(DemoCustomer::phone);
    }

    @Test
    void customerIdsFollowTheIndex() {
        assertThat(customers.get(123).customerId()).isEqualTo("C0000123");
        assertThat(BRAND.customer(12_345_678).customerId()).isEqualTo("C12345678");
    }

    @Test
    void emailsAreLowerCaseAsciiOnReservedDomains() {
        assertThat(customers).allSatisfy(customer -> assertThat(customer.email())
                .matches("^[a-z0-9-]+\\.[a-z0-9-]+\\.\\d+@example\\.(com|fr|org|net)$"));
    }

    @Test
    void emailsAreBuiltFromTheNamesWithoutAccents() {
        var accented = customers.stream()
                .filter(customer -> customer.firstName().equals("Hélène") && customer.lastName().equals("Lefèvre"))
                .findFirst()
                .orElseThrow();

        assertThat(accented.email()).startsWith("helene.lefevre.");
    }

    @Test
    void phonesAreInTheFictionRangeForAboutFourCustomersInFive() {
        var phones = customers.stream().map(DemoCustomer::phone).filter(Objects::nonNull).toList();

        assertThat(phones).allSatisfy(phone -> assertThat(phone).matches("^\\+33199\\d{6}$"));
        assertThat(phones.size() / (double) POPULATION).isCloseTo(0.80, within(0.01));
    }

    @Test
    void aboutSevenCustomersInTenAreFrenchAndConsistentlySo() {
        var french = customers.stream().filter(customer -> customer.locale().equals(Locale.FRENCH)).toList();

        assertThat(french.size() / (double) POPULATION).isCloseTo(0.70, within(0.01));
        assertThat(french).allSatisfy(customer -> {
            assertThat(customer.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
            assertThat(customer.country()).isEqualTo("FR");
            assertThat(Names.FRENCH_FIRST).contains(customer.firstName());
            assertThat(Names.FRENCH_LAST).contains(customer.lastName());
        });
    }

    @Test
    void theOthersAreEnglishSpeakersInLondonTimeOrNewYorkTime() {
        assertThat(customers).extracting(DemoCustomer::locale).containsOnly(Locale.FRENCH, Locale.ENGLISH);
        var english = customers.stream().filter(customer -> customer.locale().equals(Locale.ENGLISH)).toList();

        assertThat(english).allSatisfy(customer -> {
            assertThat(Names.ENGLISH_FIRST).contains(customer.firstName());
            assertThat(customer.country() + " " + customer.timeZone())
                    .isIn("GB Europe/London", "US America/New_York");
        });
        assertThat(english).extracting(DemoCustomer::country).contains("GB", "US");
    }

    @Test
    void agesSpreadFromEighteenToEightyFiveOnTheReferenceDate() {
        var ages = customers.stream()
                .map(customer -> Period.between(customer.birthDate(), DemoBrand.DEFAULT_AS_OF).getYears())
                .toList();

        assertThat(ages).allSatisfy(age -> assertThat(age).isBetween(18, 85));
        assertThat(ages).contains(18, 85);
        assertThat(ages.stream().mapToInt(Integer::intValue).average().orElseThrow()).isBetween(45.0, 58.0);
    }

    @Test
    void theReferenceDateMovesBirthDatesButNotWhoTheCustomersAre() {
        var asOf = LocalDate.of(2031, 6, 15);
        var later = DemoBrand.of(42, asOf).customer(5);

        assertThat(later.email()).isEqualTo(customers.get(5).email());
        assertThat(Period.between(later.birthDate(), asOf).getYears()).isBetween(18, 85);
        assertThat(later.birthDate()).isAfter(customers.get(5).birthDate());
    }

    @Test
    void rejectsNegativeIndexesAndCounts() {
        assertThatThrownBy(() -> BRAND.customer(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BRAND.customers(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertUnique(Function<DemoCustomer, String> property) {
        var seen = new HashSet<String>();
        var values = customers.stream().map(property).filter(Objects::nonNull).toList();
        assertThat(values).allSatisfy(value -> assertThat(seen.add(value)).as("duplicate %s", value).isTrue());
    }
}
