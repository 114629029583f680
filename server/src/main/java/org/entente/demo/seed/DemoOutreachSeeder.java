package org.entente.demo.seed;

import org.entente.demo.DemoBrand;
import org.entente.demo.DemoCustomer;
import org.entente.outreach.ConsentRequest;
import org.entente.outreach.DecisionRequest;
import org.entente.outreach.Outreach;
import org.entente.outreach.Preferences;
import org.entente.profile.Channel;
import org.entente.profile.Identifier;
import org.entente.profile.IdentifierType;
import org.entente.profile.Profiles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * What the demo customers said about being contacted, and a campaign the gate decided about, so that the 360° view
 * answers "may we contact this person?" differently from one person to the next and the dashboard has verdicts to
 * show. Out of 20 customers: 15 accept marketing email and 6 of them text messages too, 2 of those who accepted
 * email withdrew it since, 2 paused email for two weeks, and 1 wants messages only when they ask. A person whose
 * consent ledger is not empty is left as they are, so seeding again changes nothing; the campaign's idempotency keys
 * make the gate repeat its first verdicts.
 */
@Component
@ConditionalOnBooleanProperty("entente.demo")
class DemoOutreachSeeder {

    static final String CAMPAIGN = "demo-spring-sale";

    private final Profiles profiles;
    private final Outreach outreach;
    private final Clock clock;

    DemoOutreachSeeder(Profiles profiles, Outreach outreach, Clock clock) {
        this.profiles = profiles;
        this.outreach = outreach;
        this.clock = clock;
    }

    /** @return how many gate verdicts the campaign got (replayed ones included) */
    int seed(DemoBrand brand, int customers) {
        Instant now = clock.instant();
        List<DecisionRequest> campaign = new ArrayList<>();
        for (DemoCustomer customer : (Iterable<DemoCustomer>) brand.customers(customers)::iterator) {
            Optional<UUID> person = profiles.resolve(new Identifier(IdentifierType.CUSTOMER_ID, customer.customerId()));
            if (person.isEmpty()) {
                continue;
            }
            UUID id = person.get();
            Random random = new Random(brand.seed() * 17 + customer.customerId().hashCode());
            if (outreach.consentHistory(id, null, 1).items().isEmpty()) {
                choices(id, random, now);
            }
            campaign.add(new DecisionRequest(id, null, "email", "marketing", "offers", CAMPAIGN,
                    CAMPAIGN + "-" + brand.seed() + "-" + customer.customerId(), null));
        }
        return campaign.isEmpty() ? 0 : outreach.decideAll(campaign).size();
    }

    private void choices(UUID person, Random random, Instant now) {
        int draw = random.nextInt(20);
        Instant signedUp = now.minus(Duration.ofDays(30 + random.nextInt(300)));
        if (draw < 15) {
            consent(person, "email", "granted", signedUp);
            if (draw < 6) {
                consent(person, "sms", "granted", signedUp.plus(Duration.ofMinutes(1)));
            }
            if (draw == 13 || draw == 14) {
                consent(person, "email", "withdrawn", now.minus(Duration.ofDays(1 + random.nextInt(20))));
            }
        }
        Preferences current = outreach.preferences(person);
        if (draw == 7 || draw == 8) {
            outreach.savePreferences(person, new Preferences(null, null, null,
                    Map.of("email", new Preferences.ChannelPreference(true, null, null, null)), current.topics(),
                    null, null, now.plus(Duration.ofDays(14)), false, "email"), Optional.empty(), Channel.WEB);
        } else if (draw == 9) {
            outreach.savePreferences(person, new Preferences(null, null, null, Map.of(), current.topics(), null, null,
                    null, true, null), Optional.empty(), Channel.CALL_CENTER);
        }
    }

    private void consent(UUID person, String channel, String status, Instant at) {
        outreach.recordConsent(person, new ConsentRequest("marketing", channel, status, "web", "customer",
                "demo-2026-01", null, at, null));
    }
}
