package org.entente.backoffice;

import org.entente.support.ApiIT;
import org.entente.support.Browser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administration pages as an administrator uses them in the browser: staff users, API keys and the audit log;
 * secrets shown once; refusals shown next to the form in the reader's language; nobody but administrators gets in.
 */
class AdministrationPagesIT extends ApiIT {

    private static final Pattern SECRET = Pattern.compile("<output id=\"secret\" class=\"secret\">([^<]+)</output>");
    private static final String STAFF_API = "/api/v1/admin/staff-users";
    private static final String KEYS_API = "/api/v1/admin/api-keys";

    private Browser signedIn(String username, String password) {
        Browser browser = new Browser(base);
        assertThat(browser.login(username, password).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        return browser;
    }

    private static Map<String, String> form(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static String secretIn(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-store"));
        Matcher secret = SECRET.matcher(page.body());
        assertThat(secret.find()).as(page.body()).isTrue();
        return secret.group(1);
    }

    private JsonNode staffUser(String username) {
        return listAll(STAFF_API).stream().filter(user -> user.path("username").asString().equals(username))
                .findFirst().orElse(null);
    }

    private JsonNode apiKey(String name) {
        return listAll(KEYS_API).stream().filter(key -> key.path("name").asString().equals(name))
                .findFirst().orElse(null);
    }

    private String createdWithApi(String username, String role) {
        HttpResponse<String> created = postJson(STAFF_API, BOOTSTRAP_KEY,
                "{\"username\": \"" + username + "\", \"displayName\": \"Sam\", \"roles\": [\"" + role + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("password").asString();
    }

    @Test
    void anAdministratorCreatesAStaffUserWhosePasswordIsShownOnceThenChangesTheirRoles() {
        Browser admin = admin();
        assertThat(admin.get("/").body()).contains("href=\"/admin/staff\"", "Administration");
        assertThat(admin.get("/admin").headers().firstValue("Location").orElseThrow()).endsWith("/admin/staff");

        String username = unique("adm.");
        HttpResponse<String> created = admin.postForm("/admin/staff", "/admin/staff/new",
                form("username", username, "displayName", "Camille Agent", "roles", "AGENT", "password", ""));
        String password = secretIn(created);
        assertThat(created.body()).contains("Staff user " + username + " created", "it will not be shown again");
        Browser agent = signedIn(username, password);
        assertThat(agent.get("/customers").statusCode()).isEqualTo(200);
        assertThat(agent.get("/admin/staff").statusCode()).isEqualTo(403);
        assertThat(agent.get("/").body()).doesNotContain("href=\"/admin/staff\"");

        String list = admin.get("/admin/staff?limit=200").body();
        String id = staffUser(username).path("id").asString();
        String edit = admin.get("/admin/staff/" + id).body();
        assertThat(list + edit).doesNotContain(password);
        assertThat(edit).contains("Camille Agent", "value=\"AGENT\" checked");

        // The roles change: the user's session ends; signed in again, they administer.
        HttpResponse<String> saved = admin.postForm("/admin/staff/" + id, "/admin/staff/" + id,
                form("displayName", "Camille Admin", "roles", "ADMIN", "enabled", "true"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/admin/staff/" + id + "?saved");
        assertThat(agent.get("/customers").statusCode()).isEqualTo(302);
        assertThat(signedIn(username, password).get("/admin/staff").statusCode()).isEqualTo(200);
        assertThat(staffUser(username).path("roles").toString()).isEqualTo("[\"ADMIN\"]");

        // A reset password is shown once; the old one stops working.
        String newPassword = secretIn(admin.postForm("/admin/staff/" + id + "/password", "/admin/staff/" + id,
                Map.of()));
        assertThat(newPassword).isNotEqualTo(password);
        assertThat(new Browser(base).login(username, password).headers().firstValue("Location").orElseThrow())
                .endsWith("/login?error");
        signedIn(username, newPassword);

        // Disabled (the box unticked), the user cannot sign in.
        assertThat(admin.postForm("/admin/staff/" + id, "/admin/staff/" + id,
                form("displayName", "Camille Admin", "roles", "ADMIN")).statusCode()).isEqualTo(302);
        assertThat(new Browser(base).login(username, newPassword).headers().firstValue("Location").orElseThrow())
                .endsWith("/login?error");

        String audit = admin.get("/admin/audit?actor=admin&limit=200").body();
        assertThat(audit).contains("staff.created", "staff.roles_changed", "staff.password_reset", "staff.disabled",
                "on " + username).doesNotContain(password).doesNotContain(newPassword);
        // A password the administrator chose is not shown back.
        String chosen = unique("own.");
        HttpResponse<String> own = admin.postForm("/admin/staff", "/admin/staff/new",
                form("username", chosen, "displayName", "Own", "roles", "STORE", "password", "chosen-password-1"));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("the password you chose").doesNotContain("chosen-password-1");
        signedIn(chosen, "chosen-password-1");
    }

    @Test
    void theLastAdministratorCannotBeRemovedAndTheFormSaysWhyInEnglishAndFrench() {
        String boss = unique("last.");
        String password = createdWithApi(boss, "ADMIN");
        String bossId = staffUser(boss).path("id").asString();
        List<String> disabled = new ArrayList<>();
        try {
            for (JsonNode user : listAll(STAFF_API)) {
                String id = user.path("id").asString();
                if (!id.equals(bossId) && user.path("enabled").asBoolean()
                        && user.path("roles").toString().contains("ADMIN")) {
                    HttpResponse<String> off = send(request(STAFF_API + "/" + id, BOOTSTRAP_KEY)
                            .header("Content-Type", "application/json")
                            .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\": false}")));
                    assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
                    disabled.add(id);
                }
            }
            Browser browser = signedIn(boss, password);
            HttpResponse<String> refused = browser.postForm("/admin/staff/" + bossId, "/admin/staff/" + bossId,
                    form("displayName", "Kept name", "roles", "AGENT", "enabled", "true"));
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("This change would leave no enabled administrator.",
                    "value=\"Kept name\"", "value=\"AGENT\" checked").doesNotContain("value=\"ADMIN\" checked");

            browser.get("/admin/staff?lang=fr");
            HttpResponse<String> french = browser.postForm("/admin/staff/" + bossId, "/admin/staff/" + bossId,
                    form("displayName", "Kept name", "roles", "ADMIN"));
            assertThat(french.statusCode()).isEqualTo(409);
            assertThat(french.body()).contains("Ce changement ne laisserait aucun administrateur actif.");
            assertThat(staffUser(boss).path("enabled").asBoolean()).isTrue();
            assertThat(staffUser(boss).path("roles").toString()).contains("ADMIN");

            HttpResponse<String> taken = browser.postForm("/admin/staff", "/admin/staff/new",
                    form("username", boss, "displayName", "Twin", "roles", "AGENT"));
            assertThat(taken.statusCode()).isEqualTo(409);
            assertThat(taken.body()).contains("L&#39;identifiant " + boss + " est déjà pris.", "value=\"Twin\"");
        } finally {
            disabled.forEach(id -> send(request(STAFF_API + "/" + id, BOOTSTRAP_KEY)
                    .header("Content-Type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\": true}"))));
        }
    }

    @Test
    void anApiKeyShowsItsSecretOnceWorksAndStopsWorkingWhenRevoked() {
        Browser admin = admin();
        String name = unique("till-");
        HttpResponse<String> created = admin.postForm("/admin/api-keys", "/admin/api-keys/new",
                form("name", name, "scopes", "read", "expiresAt", "2999-12-31"));
        String secret = secretIn(created);
        assertThat(created.body()).contains("Copy it now: it will not be shown again");
        HttpResponse<String> ping = get("/api/v1/ping", secret);
        assertThat(ping.statusCode()).as(ping.body()).isEqualTo(200);
        assertThat(json(ping).path("key").asString()).isEqualTo(name);
        assertThat(json(ping).path("scopes").toString()).isEqualTo("[\"read\"]");

        String list = admin.get("/admin/api-keys?limit=200").body();
        assertThat(list).contains(name, "2999-12-31").doesNotContain(secret);
        String audit = admin.get("/admin/audit?action=api_key.created&actor=admin").body();
        assertThat(audit).contains("api_key.created", name).doesNotContain(secret);
        assertThat(actions(audit)).containsOnly("api_key.created");

        String id = apiKey(name).path("id").asString();
        String confirm = admin.get("/admin/api-keys/" + id + "/revoke").body();
        assertThat(confirm).contains("Revoke the key " + name);
        assertThat(get("/api/v1/ping", secret).statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = admin.postForm("/admin/api-keys/" + id + "/revoke",
                "/admin/api-keys/" + id + "/revoke", Map.of());
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(revoked.headers().firstValue("Location").orElseThrow()).endsWith("/admin/api-keys?revoked");
        assertThat(get("/api/v1/ping", secret).statusCode()).isEqualTo(401);
        assertThat(apiKey(name).path("revokedBy").asString()).isEqualTo("admin");
        assertThat(admin.get("/admin/api-keys/" + id + "/revoke").body()).contains("is already revoked");
        assertThat(admin.get("/admin/audit?action=api_key.revoked&actor=admin").body()).contains("on " + id);
    }

    @Test
    void theAuditLogFiltersPagesAndShowsDetailsAsText() {
        Browser admin = admin();
        String hostile = "<script>alert('" + unique("x") + "')</script>";
        secretIn(admin.postForm("/admin/api-keys", "/admin/api-keys/new", form("name", hostile, "scopes", "ingest")));
        for (int i = 0; i < 3; i++) {
            secretIn(admin.postForm("/admin/api-keys", "/admin/api-keys/new", form("name", unique("n-"), "scopes", "read")));
        }
        String keys = admin.get("/admin/api-keys?limit=200").body();
        assertThat(keys).doesNotContain(hostile).contains("&lt;script&gt;alert(");

        String filtered = admin.get("/admin/audit?action=api_key.created&actor=admin&from=2000-01-01&to=9999-12-31")
                .body();
        assertThat(actions(filtered)).isNotEmpty().containsOnly("api_key.created");
        assertThat(filtered).doesNotContain("<script>alert(").contains("&lt;script&gt;alert(");
        assertThat(actions(admin.get("/admin/audit?actor=admin&from=9999-12-31").body())).isEmpty();
        assertThat(actions(admin.get("/admin/audit?actor=admin&to=2000-01-01").body())).isEmpty();
        assertThat(actions(admin.get("/admin/audit?actor=nobody-" + unique("n")).body())).isEmpty();

        // Two at a time: the rest comes with "more", as a fragment for htmx.
        String first = admin.get("/admin/audit?actor=admin&limit=2").body();
        assertThat(actions(first)).hasSize(2);
        Matcher more = Pattern.compile("hx-get=\"([^\"]*cursor=[^\"]+)\"").matcher(first);
        assertThat(more.find()).isTrue();
        HttpResponse<String> next = admin.htmx(more.group(1).replace("&amp;", "&"));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).doesNotContain("<html");
        assertThat(actions(next.body())).hasSize(2);

        HttpResponse<String> badDate = admin.get("/admin/audit?from=2027-13-45");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("This address or form is not valid (look at: from).");
        assertThat(admin.get("/admin/audit?to=yesterday").statusCode()).isEqualTo(400);
        assertThat(admin.get("/admin/audit?action=" + "a".repeat(65)).statusCode()).isEqualTo(400);
        assertThat(admin.get("/admin/audit?cursor=not-a-cursor").statusCode()).isEqualTo(400);
        assertThat(admin.get("/admin/audit?limit=100000").statusCode()).isEqualTo(400);
    }

    @Test
    void hostileOrInvalidFormsAreRefusedNextToTheFieldAndNothingIsStored() {
        Browser admin = admin();
        String username = unique("bad.");

        HttpResponse<String> oversized = admin.postForm("/admin/staff", "/admin/staff/new",
                form("username", username, "displayName", "x".repeat(5000), "roles", "AGENT"));
        assertThat(oversized.statusCode()).isEqualTo(400);
        assertThat(oversized.body()).contains("Nothing was saved", "must be at most 200 characters",
                "value=\"" + username + "\"");
        HttpResponse<String> unknownRole = admin.postForm("/admin/staff", "/admin/staff/new",
                form("username", username, "displayName", "Root", "roles", "ROOT"));
        assertThat(unknownRole.statusCode()).isEqualTo(400);
        assertThat(unknownRole.body()).contains("id=\"roles-error\"", "value=\"Root\"");
        HttpResponse<String> several = admin.postForm("/admin/staff", "/admin/staff/new",
                form("username", "Not A Name", "displayName", "bell\u0007", "password", "short"));
        assertThat(several.statusCode()).isEqualTo(400);
        assertThat(several.body()).contains("id=\"username-error\"", "must not contain control characters",
                "must name at least one role", "must be at least 8 characters");
        admin.get("/admin/staff?lang=fr");
        HttpResponse<String> french = admin.postForm("/admin/staff", "/admin/staff/new",
                form("username", username, "displayName", " ", "roles", "AGENT"));
        assertThat(french.statusCode()).isEqualTo(400);
        assertThat(french.body()).contains("Rien n&#39;a été enregistré", "ne doit pas être vide");
        admin.get("/admin/staff?lang=en");
        // A form posted without its CSRF token (as from another site) is refused before anything runs.
        assertThat(admin.postForm("/admin/staff", "/css/entente.css",
                form("username", username, "displayName", "Forged", "roles", "ADMIN")).statusCode()).isEqualTo(403);
        assertThat(staffUser(username)).isNull();

        String name = unique("bad-key-");
        assertThat(admin.postForm("/admin/api-keys", "/admin/api-keys/new",
                form("name", name + "x".repeat(200), "scopes", "read")).body())
                .contains("must be at most 100 characters");
        HttpResponse<String> unknownScope = admin.postForm("/admin/api-keys", "/admin/api-keys/new",
                form("name", name, "scopes", "god"));
        assertThat(unknownScope.statusCode()).isEqualTo(400);
        assertThat(unknownScope.body()).contains("id=\"scopes-error\"", "value=\"" + name + "\"");
        assertThat(admin.postForm("/admin/api-keys", "/admin/api-keys/new", form("name", name)).body())
                .contains("must name at least one scope");
        HttpResponse<String> badDate = admin.postForm("/admin/api-keys", "/admin/api-keys/new",
                form("name", name, "scopes", "read", "expiresAt", "31/12/2027"));
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("must be a date such as 2027-01-31", "value=\"31/12/2027\"");
        assertThat(admin.postForm("/admin/api-keys", "/admin/api-keys/new",
                form("name", name, "scopes", "read", "expiresAt", "2001-01-01")).body()).contains("must be in the future");
        assertThat(admin.postForm("/admin/api-keys", "/css/entente.css", form("name", name, "scopes", "admin"))
                .statusCode()).isEqualTo(403);
        assertThat(apiKey(name)).isNull();

        assertThat(admin.get("/admin/staff/not-an-id").statusCode()).isEqualTo(400);
        assertThat(admin.get("/admin/staff/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(admin.get("/admin/api-keys/" + java.util.UUID.randomUUID() + "/revoke").statusCode()).isEqualTo(404);
        assertThat(admin.get("/admin/staff?cursor=%25%25%25").statusCode()).isEqualTo(400);
    }

    @Test
    void onlyAdministratorsOpenTheAdministration() {
        String someone = staffUser("admin").path("id").asString();
        HttpResponse<String> kept = postJson(KEYS_API, BOOTSTRAP_KEY,
                "{\"name\": \"" + unique("kept-") + "\", \"scopes\": [\"read\"]}");
        String key = json(kept).path("id").asString();
        List<String> pages = List.of("/admin", "/admin/staff", "/admin/staff/new", "/admin/staff/" + someone,
                "/admin/api-keys", "/admin/api-keys/new", "/admin/api-keys/" + key + "/revoke", "/admin/audit",
                "/admin/audit?action=api_key.created");
        List<String> posts = List.of("/admin/staff", "/admin/staff/" + someone, "/admin/staff/" + someone + "/password",
                "/admin/api-keys", "/admin/api-keys/" + key + "/revoke");
        for (String role : List.of("AGENT", "STORE", "MARKETER")) {
            String username = unique("no-" + role.toLowerCase(java.util.Locale.ROOT) + ".");
            Browser browser = signedIn(username, createdWithApi(username, role));
            assertThat(browser.get("/").body()).doesNotContain("href=\"/admin/staff\"");
            for (String page : pages) {
                HttpResponse<String> refused = browser.get(page);
                assertThat(refused.statusCode()).as(role + " " + page).isEqualTo(403);
                assertThat(refused.body()).contains("Error 403");
            }
            for (String post : posts) {
                assertThat(browser.postForm(post, "/", form("username", unique("x."), "displayName", "X",
                        "roles", "ADMIN", "name", "x", "scopes", "admin")).statusCode()).as(role + " " + post)
                        .isEqualTo(403);
            }
        }
        assertThat(json(get(KEYS_API + "/" + key, BOOTSTRAP_KEY)).path("revokedAt").isNull()).isTrue();
        assertThat(get("/api/v1/ping", json(kept).path("secret").asString()).statusCode()).isEqualTo(200);
        assertThat(staffUser("admin").path("roles").toString()).contains("ADMIN");
        admin();
        assertThat(new Browser(base).get("/admin/staff").statusCode()).isEqualTo(302);
    }

    private static List<String> actions(String html) {
        List<String> actions = new ArrayList<>();
        Matcher matcher = Pattern.compile("class=\"audit-entry\" data-action=\"([a-z_.]+)\"").matcher(html);
        while (matcher.find()) {
            actions.add(matcher.group(1));
        }
        return actions;
    }
}
