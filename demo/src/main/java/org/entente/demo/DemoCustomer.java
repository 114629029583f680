package org.entente.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * One customer of the demo brand. All contact details are fictional by construction.
 *
 * @param customerId the brand's own customer id, {@code C} followed by the index on at least seven digits
 *                   ({@code C0000123}); unique per index
 * @param firstName  the first name, with its accents ({@code Hélène})
 * @param lastName   the last name, with its accents ({@code Lefèvre})
 * @param email      lower-case ASCII address on a reserved domain ({@code example.com}, {@code example.fr},
 *                   {@code example.org} or {@code example.net}); unique per index
 * @param phone      an E.164 number in the range ARCEP reserves for fiction ({@code +33199xxxxxx}), or
 *                   {@code null} for the customers who gave none (about one in five); unique among indexes below
 *                   1,000,000
 * @param locale     the customer's language, {@link Locale#FRENCH} or {@link Locale#ENGLISH}
 * @param timeZone   the customer's IANA time zone
 * @param birthDate  the date of birth; the customer is 18 to 85 years old on the brand's reference date
 * @param city       the city the customer lives in
 * @param country    the ISO 3166-1 alpha-2 code of the country the customer lives in ({@code FR}, {@code GB},
 *                   {@code US})
 */
public record DemoCustomer(String customerId, String firstName, String lastName, String email, String phone,
                           Locale locale, ZoneId timeZone, LocalDate birthDate, String city, String country) {

    public DemoCustomer {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(country, "country");
    }
}
