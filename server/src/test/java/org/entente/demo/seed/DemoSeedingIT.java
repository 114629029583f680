package org.entente.demo.seed;

import org.entente.demo.DemoBrand;
import org.entente.demo.DemoCustomer;
import org.entente.support.ApiIT;
import org.entente.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With entente.demo=true, the demo staff exist and can sign in; seeding again adds nothing. */
@TestPropertySource(properties = "entente.demo=true")
class DemoSeedingIT extends ApiIT {

    @Autowired
    DemoSeeder seeder;

    @Test
    void demoStaffSignInWithTheirRoles() {
        Browser browser = new Browser(base);
        assertThat(browser.login("agent", DemoSeeder.PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        assertThat(browser.get("/", "en").body()).contains("Service agent");
    }

    @Test
    void seedingIsIdempotent() {
        int before = usernames().size();
        seeder.run(new DefaultApplicationArguments());
        List<String> after = usernames();
        assertThat(after).hasSize(before).contains("marketer", "agent", "store");
    }

    @Test
    void demoCustomersHaveProfilesWithHistoryAndSeedingAgainChangesNothing() {
        DemoCustomer first = DemoBrand.of(DemoProperties.DEFAULT_SEED).customer(0);
        JsonNode profile = json(get("/api/v1/profiles?identifier=customerId:" + first.customerId(), BOOTSTRAP_KEY));
        assertThat(profile.path("attributes").path("firstName").asString()).isEqualTo(first.firstName());
        assertThat(profile.path("identifiers").findValuesAsString("value")).contains(first.email());
        long events = profile.path("statistics").path("events").asLong();
        assertThat(events).isPositive();
        seeder.run(new DefaultApplicationArguments());
        JsonNode again = json(get("/api/v1/profiles?identifier=customerId:" + first.customerId(), BOOTSTRAP_KEY));
        assertThat(again.path("statistics")).isEqualTo(profile.path("statistics"));
        List<String> lifecycles = new java.util.ArrayList<>();
        DemoBrand.of(DemoProperties.DEFAULT_SEED).customers(20).forEach(customer -> lifecycles.add(json(get(
                "/api/v1/profiles?identifier=customerId:" + customer.customerId(), BOOTSTRAP_KEY))
                .path("lifecycle").asString()));
        assertThat(lifecycles).contains("customer", "prospect");
    }

    @Test
    void demoCustomersAreInEveryTierOfTheDefaultProgram() {
        java.util.Map<String, Integer> tiers = new java.util.TreeMap<>();
        DemoBrand.of(DemoProperties.DEFAULT_SEED).customers(DemoCustomersSeeder.CUSTOMERS).forEach(customer -> {
            String id = json(get("/api/v1/profiles?identifier=customerId:" + customer.customerId(), BOOTSTRAP_KEY))
                    .path("id").asString();
            JsonNode tier = json(get("/api/v1/profiles/" + id + "/loyalty", BOOTSTRAP_KEY)).path("tier");
            tiers.merge(tier.isNull() ? "none" : tier.path("code").asString(), 1, Integer::sum);
        });
        assertThat(tiers.keySet()).containsExactlyInAnyOrder("none", "member", "insider");
        assertThat(tiers.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(10));
    }

    @Test
    void demoCustomersGaveTheirConsentsAndTheGateDecidedACampaignForThem() {
        java.util.Map<String, Integer> verdicts = new java.util.TreeMap<>();
        int withConsent = 0;
        String shown = null;
        for (DemoCustomer customer : DemoBrand.of(DemoProperties.DEFAULT_SEED).customers(40).toList()) {
            String id = json(get("/api/v1/profiles?identifier=customerId:" + customer.customerId(), BOOTSTRAP_KEY))
                    .path("id").asString();
            JsonNode export = json(get("/api/v1/profiles/" + id + "/export", BOOTSTRAP_KEY));
            if (!export.path("consents").isEmpty()) {
                withConsent++;
                shown = id;
            }
            export.path("decisions").forEach(decision -> verdicts.merge(decision.path("verdict").asString(), 1,
                    Integer::sum));
        }
        assertThat(withConsent).isBetween(20, 39);
        assertThat(verdicts.keySet()).contains("deny").containsAnyOf("allow", "defer");
        assertThat(verdicts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);

        Browser agent = new Browser(base);
        agent.login("agent", DemoSeeder.PASSWORD);
        String page = agent.get("/customers/" + shown, "en").body();
        assertThat(page).contains("May we contact this person?", "Recent gate verdicts").doesNotContain(
                "None recorded.");
    }

    @Test
    void theNextDemoCustomersCameThroughAnImportThatRefusedTwoRows() {
        DemoCustomer imported = DemoBrand.of(DemoProperties.DEFAULT_SEED).customer(DemoCustomersSeeder.CUSTOMERS);
        JsonNode profile = json(org.entente.support.Eventually.await(() -> get(
                "/api/v1/profiles?identifier=customerId:" + imported.customerId(), BOOTSTRAP_KEY),
                found -> found.statusCode() == 200, java.time.Duration.ofSeconds(20)));
        assertThat(profile.path("attributes").path("lastName").asString()).isEqualTo(imported.lastName());
        assertThat(listAll("/api/v1/imports")).anySatisfy(done -> {
            assertThat(done.path("rowsRead").asLong()).isEqualTo(DemoSeeder.IMPORTED + 2);
            assertThat(done.path("rowsRejected").asLong()).isEqualTo(2);
        });
    }

    private List<String> usernames() {
        return listAll("/api/v1/admin/staff-users").stream().map(u -> u.path("username").asString()).toList();
    }
}
