package org.entente.demo.seed;

import org.entente.support.ApiIT;
import org.entente.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.test.context.TestPropertySource;

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
        return listAll("/api/v1/admin/staff-users").stream().map(u -> u.path("username").asString()).toList();
    }
}
