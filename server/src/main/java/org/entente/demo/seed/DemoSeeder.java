package org.entente.demo.seed;

import org.entente.demo.DemoBrand;
import org.entente.demo.Product;
import org.entente.platform.StaffRole;
import org.entente.platform.StaffUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * With {@code entente.demo=true}, seeds the deterministic demo population. Idempotent: a restart adds nothing
 * that is already there. It seeds one staff user per role (password {@value #PASSWORD}) and the first
 * {@value DemoCustomersSeeder#CUSTOMERS} customers of {@link DemoBrand} with what they did across channels, which
 * the loyalty program turns into points and tiers as it would for any purchase; the modules still to come (offers)
 * will seed their own part.
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

    DemoSeeder(StaffUsers staff, DemoCustomersSeeder customers, DemoProperties properties) {
        this.staff = staff;
        this.customers = customers;
        this.properties = properties;
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
        log.info("Demo mode (seed {}): {} demo staff users created (password '{}'); {} events recorded for {} demo "
                        + "customers; the demo brand has {} products from {} brands", properties.demoSeed(), created,
                PASSWORD, events, DemoCustomersSeeder.CUSTOMERS, brand.catalog().size(), brands);
    }

    private int seed(String username, String displayName, StaffRole role) {
        return staff.createIfAbsent(username, displayName, Set.of(role), PASSWORD) ? 1 : 0;
    }
}
