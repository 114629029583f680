package org.entente.bench.workload;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.entente.demo.DemoBrand;
import org.entente.demo.DemoCustomer;
import org.entente.demo.Product;

/**
 * The people of one benchmark run: the demo brand's customers, addressed by index, with every identifier they send
 * namespaced by the run tag. Two runs against the same server therefore never share a person (or an order), so
 * that each run starts from empty profiles and its counts can be checked exactly; the same seed and run tag give
 * the same people. Immutable and thread-safe.
 */
public final class Population {

    /** What a run tag may be: it ends up in identifiers, e-mail addresses and event ids. */
    public static final Pattern RUN_TAG = Pattern.compile("[a-z0-9]{1,16}");

    private final DemoBrand brand;
    private final String run;

    /**
     * @param seed the demo brand's seed: names, cities and prices
     * @param run  the run tag, matching {@link #RUN_TAG}
     */
    public Population(long seed, String run) {
        if (!RUN_TAG.matcher(Objects.requireNonNull(run, "run")).matches()) {
            throw new IllegalArgumentException("a run tag is 1 to 16 lower-case letters or digits: " + run);
        }
        this.brand = DemoBrand.of(seed);
        this.run = run;
    }

    public String run() {
        return run;
    }

    /** The products on sale, in EUR. */
    public List<Product> catalog() {
        return brand.catalog();
    }

    /** The demo customer at this index: names, locale, city. Costs about a microsecond: call it only if needed. */
    public DemoCustomer customer(long index) {
        return brand.customer(index);
    }

    /** The brand's own customer id of the person at this index, e.g. {@code t8c2ww-C0000123}. */
    public String customerId(long index) {
        String digits = Long.toString(index);
        return run + "-C" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
    }

    /** The customer's e-mail address with the run tag added to its local part, on the same reserved domain. */
    public String email(DemoCustomer customer) {
        String email = customer.email();
        int at = email.indexOf('@');
        return email.substring(0, at) + "." + run + email.substring(at);
    }

    /** The cookie id the person at this index browses with before signing in: a UUID unique to the run. */
    public String anonymousId(long index) {
        return UUID.nameUUIDFromBytes((run + "/anonymous/" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The customer's language and country as a BCP 47 tag, e.g. {@code fr-FR}. */
    public static String languageTag(DemoCustomer customer) {
        return Locale.of(customer.locale().getLanguage(), customer.country()).toLanguageTag();
    }
}
