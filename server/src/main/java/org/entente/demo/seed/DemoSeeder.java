package org.entente.demo.seed;

import org.entente.checkout.Offer;
import org.entente.checkout.OfferCatalog;
import org.entente.demo.DemoBrand;
import org.entente.demo.DemoCustomer;
import org.entente.intake.ImportKind;
import org.entente.intake.Imports;
import org.entente.demo.Product;
import org.entente.platform.StaffRole;
import org.entente.profile.Identifier;
import org.entente.profile.IdentifierType;
import org.entente.profile.Profiles;
import org.entente.platform.StaffUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * With {@code entente.demo=true}, seeds the deterministic demo population. Idempotent: a restart adds nothing
 * that is already there. It seeds one staff user per role (password {@value #PASSWORD}) and the first
 * {@value DemoCustomersSeeder#CUSTOMERS} customers of {@link DemoBrand} with what they did across channels, which
 * the loyalty program turns into points and tiers as it would for any purchase; their consents and preferences and a
 * campaign the gate decided about ({@link DemoOutreachSeeder}); two offers; and an import of the next
 * {@value #IMPORTED} customers, so that every back-office page has something to show.
 */
@Component
@ConditionalOnBooleanProperty("entente.demo")
@Order(Ordered.LOWEST_PRECEDENCE)
class DemoSeeder implements ApplicationRunner {

    static final String PASSWORD = "entente-demo";

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final StaffUsers staff;
    private final DemoCustomersSeeder customers;
    private final DemoProperties properties;
    private final OfferCatalog offers;
    private final DemoOutreachSeeder outreach;
    private final Imports imports;
    private final Profiles profiles;

    DemoSeeder(StaffUsers staff, DemoCustomersSeeder customers, DemoProperties properties, OfferCatalog offers,
               DemoOutreachSeeder outreach, Imports imports, Profiles profiles) {
        this.profiles = profiles;
        this.staff = staff;
        this.customers = customers;
        this.properties = properties;
        this.offers = offers;
        this.outreach = outreach;
        this.imports = imports;
    }

    @Override
    public void run(ApplicationArguments args) {
        int created = 0;
        created += seed("marketer", "Margaux Laurent", StaffRole.MARKETER);
        created += seed("agent", "Samir Haddad", StaffRole.AGENT);
        created += seed("store", "Claire Dubois", StaffRole.STORE);
        DemoBrand brand = DemoBrand.of(properties.demoSeed());
        long brands = brand.catalog().stream().map(Product::brand).distinct().count();
        int events = customers.seed(brand);
        seedOffers(brand);
        int verdicts = outreach.seed(brand, DemoCustomersSeeder.CUSTOMERS);
        boolean imported = seedImport(brand);
        log.info("Demo mode (seed {}): {} demo staff users created (password '{}'); {} events recorded for {} demo "
                        + "customers; {} gate verdicts for the campaign {}; {}the demo brand has {} products from {} "
                        + "brands", properties.demoSeed(), created, PASSWORD, events, DemoCustomersSeeder.CUSTOMERS,
                verdicts, DemoOutreachSeeder.CAMPAIGN, imported ? "an import of " + IMPORTED + " customers started; "
                        : "", brand.catalog().size(), brands);
    }

    /**
     * The next {@value #IMPORTED} customers of the brand come as a CSV file, as a brand's first import would, with
     * two rows the import refuses (so that the imports page has refused rows to download). Only once: not when the
     * first of these customers is known already.
     */
    private boolean seedImport(DemoBrand brand) {
        if (profiles.resolve(new Identifier(IdentifierType.CUSTOMER_ID,
                brand.customer(DemoCustomersSeeder.CUSTOMERS).customerId())).isPresent()) {
            return false;
        }
        StringBuilder csv = new StringBuilder("customerId,email,phone,firstName,lastName,createdAt\n");
        for (int i = DemoCustomersSeeder.CUSTOMERS; i < DemoCustomersSeeder.CUSTOMERS + IMPORTED; i++) {
            DemoCustomer customer = brand.customer(i);
            csv.append(String.join(",", customer.customerId(), customer.email(),
                    customer.phone() == null ? "" : customer.phone(), customer.firstName(), customer.lastName(),
                    "2025-03-01")).append('\n');
        }
        csv.append("DEMO-BAD-1,not-an-address,,Broken,Row,2025-03-01\n");
        csv.append(",,,Nobody,Identified,2025-03-01\n");
        imports.start(ImportKind.CUSTOMERS, new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
        return true;
    }

    static final int IMPORTED = 30;

    /**
     * Two offers a till shows at once: every fifth product of the brand with the most products free, paid with
     * points, and 10% on the second item of the first category. Added once: a demo restarted keeps the catalog as
     * staff left it.
     */
    private void seedOffers(DemoBrand brand) {
        if (offers.list().stream().anyMatch(o -> o.label().getOrDefault("en", "").startsWith("Demo:"))) {
            return;
        }
        String topBrand = brand.catalog().stream().collect(Collectors.groupingBy(Product::brand, TreeMap::new,
                Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String category = brand.catalog().getFirst().category().name().toLowerCase(Locale.ROOT);
        offers.create(new Offer.NthPurchase(null, null, null, null,
                Map.of("en", "Demo: every 5th " + topBrand + " product free",
                        "fr", "Démo : le 5e produit " + topBrand + " offert"),
                new Offer.Match(null, topBrand, null), 5,
                new Offer.Reward(BigDecimal.valueOf(100), true, BigDecimal.TEN),
                null, null, List.of(), "EUR", 10, true, null));
        offers.create(new Offer.BasketOffer(null, null, null, null,
                Map.of("en", "Demo: 10% on the second " + category + " item",
                        "fr", "Démo : 10 % sur le deuxième article " + category),
                new Offer.Match(null, null, category), null, null, 2,
                new Offer.Discount(BigDecimal.TEN, null), null, null, List.of(), "EUR", 0, true, null));
    }

    private int seed(String username, String displayName, StaffRole role) {
        return staff.createIfAbsent(username, displayName, Set.of(role), PASSWORD) ? 1 : 0;
    }
}
