package org.entente.demo;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/** Derives one demo customer from (seed, reference date, index) alone, so indexes can be generated in parallel. */
final class Customers {

    private static final double PHONE_SHARE = 0.8;
    private static final int MIN_AGE = 18;
    private static final int MAX_AGE = 85;
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_EMAIL_SAFE = Pattern.compile("[^a-z0-9-]+");

    private Customers() {
    }

    static DemoCustomer generate(long seed, LocalDate asOf, long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        // The draws below happen in a fixed order: reordering them changes every customer of every seed.
        SplittableRandom random = RandomStream.CUSTOMERS.at(seed, index);
        Origin origin = Origin.BY_SHARE.pick(random);
        String firstName = pick(origin.firstNames, random);
        String lastName = pick(origin.lastNames, random);
        String email = emailLocalPart(firstName) + "." + emailLocalPart(lastName) + "." + index
                + "@" + origin.emailDomains.pick(random);
        String phone = random.nextDouble() < PHONE_SHARE ? fictionPhone(index) : null;
        // Averaging two draws makes middle ages commoner than the extremes, as in a real customer base.
        int age = MIN_AGE + (random.nextInt(MAX_AGE - MIN_AGE + 1) + random.nextInt(MAX_AGE - MIN_AGE + 1)) / 2;
        LocalDate birthDate = asOf.minusYears(age).minusDays(random.nextInt(365));
        String city = origin.cities.pick(random);
        return new DemoCustomer("C%07d".formatted(index), firstName, lastName, email, phone, origin.locale,
                origin.timeZone, birthDate, city, origin.country);
    }

    /**
     * A number in ARCEP's range reserved for fiction, +33 1 99 00 00 00 to +33 1 99 99 99 99, so that demo data can
     * never reach a real person; distinct for the first million indexes.
     */
    private static String fictionPhone(long index) {
        return "+33199%06d".formatted(index % 1_000_000);
    }

    /** Lower-case ASCII without accents, spaces or apostrophes: "Hélène" gives "helene", "O'Brien" "obrien". */
    private static String emailLocalPart(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        String unaccented = COMBINING_MARKS.matcher(decomposed).replaceAll("");
        return NOT_EMAIL_SAFE.matcher(unaccented.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
