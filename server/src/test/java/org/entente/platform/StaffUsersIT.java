package org.entente.platform;

import org.entente.support.ApiIT;
import org.entente.support.Browser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff accounts through the admin API: creation, roles, disabling, passwords, and the last-admin guard. */
class StaffUsersIT extends ApiIT {

    private static final String STAFF = "/api/v1/admin/staff-users";

    private HttpResponse<String> patch(String path, String json) {
        return send(request(path, BOOTSTRAP_KEY).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    private JsonNode createUser(String username, String roles) {
        HttpResponse<String> created = postJson(STAFF, BOOTSTRAP_KEY,
                "{\"username\": \"" + username + "\", \"displayName\": \"Léa Martin\", \"roles\": " + roles + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    @Test
    void createdUserSignsInWithTheGeneratedPassword() {
        String username = unique("lea.");
        JsonNode created = createUser(username, "[\"AGENT\", \"STORE\"]");
        String password = created.path("password").asString();
        assertThat(password).hasSize(20);
        assertThat(created.path("user").path("roles").valueStream().map(JsonNode::asString)).containsExactly("AGENT", "STORE");

        Browser browser = new Browser(base);
        assertThat(browser.login(username, password).headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(browser.get("/", "en").body()).contains("Service agent").contains("Store staff")
                .doesNotContain("Administrator");

        HttpResponse<String> fetched = get(STAFF + "/" + created.path("user").path("id").asString(), BOOTSTRAP_KEY);
        assertThat(fetched.body()).doesNotContain(password).doesNotContain("passwordHash").doesNotContain("{bcrypt}");
    }

    @Test
    void usernamesAreUniqueAndValidated() {
        String username = unique("dup.");
        createUser(username, "[\"AGENT\"]");
        assertProblem(postJson(STAFF, BOOTSTRAP_KEY,
                "{\"username\": \"" + username + "\", \"displayName\": \"Twin\", \"roles\": [\"AGENT\"]}"), 409, "conflict");
        JsonNode invalid = assertProblem(postJson(STAFF, BOOTSTRAP_KEY,
                "{\"username\": \"Bad Name!\", \"displayName\": \"\", \"roles\": [], \"password\": \"short\"}"), 400,
                "validation");
        assertThat(invalid.path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains("username", "displayName", "roles", "password");
        JsonNode badRole = assertProblem(postJson(STAFF, BOOTSTRAP_KEY,
                "{\"username\": \"x.y\", \"displayName\": \"X\", \"roles\": [\"GOD\"]}"), 400, "validation");
        assertThat(badRole.path("errors").get(0).path("field").asString()).isEqualTo("roles[0]");
        assertProblem(postJson(STAFF, BOOTSTRAP_KEY, "{\"username\": \"x.z\", \"displayName\": \"X\", "
                + "\"roles\": [\"AGENT\"], \"password\": \"" + "é".repeat(40) + "\"}"), 400, "validation");
    }

    @Test
    void roleChangesAreAuditedWithBeforeAndAfter() {
        String username = unique("max.");
        String id = createUser(username, "[\"STORE\"]").path("user").path("id").asString();
        HttpResponse<String> changed = patch(STAFF + "/" + id, "{\"roles\": [\"AGENT\", \"MARKETER\"]}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertProblem(patch(STAFF + "/" + id, "{\"displayName\": \"   \"}"), 400, "validation");
        assertThat(json(changed).path("roles").valueStream().map(JsonNode::asString)).containsExactly("MARKETER", "AGENT");

        JsonNode audit = json(get("/api/v1/admin/audit-events?action=staff.roles_changed&limit=200", BOOTSTRAP_KEY));
        JsonNode entry = audit.path("items").valueStream().filter(e -> e.path("target").asString().equals(username))
                .findFirst().orElseThrow();
        assertThat(entry.path("details").asString()).contains("\"before\":[\"STORE\"]").contains("MARKETER");
    }

    @Test
    void disabledUserCannotSignInAndLosesItsOpenSession() {
        String username = unique("gone.");
        JsonNode created = createUser(username, "[\"AGENT\"]");
        String id = created.path("user").path("id").asString();
        Browser signedIn = new Browser(base);
        signedIn.login(username, created.path("password").asString());
        assertThat(signedIn.get("/", "en").statusCode()).isEqualTo(200);

        assertThat(patch(STAFF + "/" + id, "{\"enabled\": false}").statusCode()).isEqualTo(200);

        HttpResponse<String> afterwards = signedIn.get("/", "en");
        assertThat(afterwards.statusCode()).isEqualTo(302);
        assertThat(afterwards.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
        assertThat(new Browser(base).login(username, created.path("password").asString()).headers()
                .firstValue("Location").orElseThrow()).endsWith("/login?error");
    }

    @Test
    void passwordResetGivesANewWorkingPassword() {
        String username = unique("reset.");
        JsonNode created = createUser(username, "[\"AGENT\"]");
        String id = created.path("user").path("id").asString();
        HttpResponse<String> reset = postJson(STAFF + "/" + id + "/password-reset", BOOTSTRAP_KEY, "");
        assertThat(reset.statusCode()).isEqualTo(200);
        String newPassword = json(reset).path("password").asString();
        assertThat(newPassword).isNotEqualTo(created.path("password").asString());
        assertThat(new Browser(base).login(username, created.path("password").asString()).headers()
                .firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(new Browser(base).login(username, newPassword).headers()
                .firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    @Test
    void theLastEnabledAdminCannotBeRemovedEvenByConcurrentChanges() throws Exception {
        String bossId = createUser(unique("boss."), "[\"ADMIN\"]").path("user").path("id").asString();
        String otherBossId = createUser(unique("boss."), "[\"ADMIN\"]").path("user").path("id").asString();
        List<String> disabled = new ArrayList<>();
        try {
            // Leave the two new users as the only enabled admins.
            for (JsonNode user : listAll(STAFF)) {
                String id = user.path("id").asString();
                boolean admin = user.path("roles").valueStream().anyMatch(r -> r.asString().equals("ADMIN"));
                if (!id.equals(bossId) && !id.equals(otherBossId) && admin && user.path("enabled").asBoolean()) {
                    assertThat(patch(STAFF + "/" + id, "{\"enabled\": false}").statusCode()).isEqualTo(200);
                    disabled.add(id);
                }
            }
            // Each request alone is allowed; together they would leave no admin: exactly one must win.
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                Future<Integer> first = pool.submit(() -> {
                    start.await();
                    return patch(STAFF + "/" + bossId, "{\"roles\": [\"AGENT\"]}").statusCode();
                });
                Future<Integer> second = pool.submit(() -> {
                    start.await();
                    return patch(STAFF + "/" + otherBossId, "{\"enabled\": false}").statusCode();
                });
                start.countDown();
                assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(200, 409);
            }
            String survivor = json(get(STAFF + "/" + bossId, BOOTSTRAP_KEY)).path("roles").toString().contains("ADMIN")
                    ? bossId : otherBossId;
            assertProblem(patch(STAFF + "/" + survivor, "{\"enabled\": false}"), 409, "conflict");
            assertProblem(patch(STAFF + "/" + survivor, "{\"roles\": [\"AGENT\"]}"), 409, "conflict");
            assertThat(patch(STAFF + "/" + survivor, "{\"displayName\": \"Still the boss\"}").statusCode()).isEqualTo(200);
        } finally {
            disabled.forEach(id -> patch(STAFF + "/" + id, "{\"enabled\": true}"));
        }
    }

    @Test
    void repeatedFailuresLockTheAccountForAWhile() {
        String username = unique("guessed.");
        String password = createUser(username, "[\"AGENT\"]").path("password").asString();
        for (int i = 0; i < 5; i++) {
            assertThat(new Browser(base).login(username, "guess-" + i).headers().firstValue("Location").orElseThrow())
                    .endsWith("/login?error");
        }
        // Even the right password is refused now.
        assertThat(new Browser(base).login(username, password).headers().firstValue("Location").orElseThrow())
                .endsWith("/login?error");
        JsonNode audit = json(get("/api/v1/admin/audit-events?action=staff.login_failed&actor=" + username, BOOTSTRAP_KEY));
        assertThat(audit.path("items").get(0).path("details").asString()).contains("LockedException");
        assertThat(audit.path("items").size()).isEqualTo(6);
    }

    @Test
    void unknownUserIsNotFound() {
        assertProblem(patch(STAFF + "/" + UUID.randomUUID(), "{\"enabled\": true}"), 404, "not_found");
    }
}
