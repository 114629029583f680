package org.entente.demo.seed;

import org.entente.support.ApiIT;
import org.entente.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
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

    private List<String> usernames() {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(get("/api/v1/admin/staff-users?limit=200" + (cursor == null ? "" : "&cursor=" + cursor),
                    BOOTSTRAP_KEY));
            page.path("items").forEach(u -> names.add(u.path("username").asString()));
            cursor = page.path("next").isNull() ? null : page.path("next").asString();
        } while (cursor != null);
        return names;
    }
}
