package org.entente.platform;

import org.entente.support.ApiIT;
import org.entente.support.Browser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff sign in through the form, in English or French; failures are audited. */
class WebLoginIT extends ApiIT {

    @Test
    void loginPageSpeaksEnglishAndFrench() {
        Browser browser = new Browser(base);
        HttpResponse<String> english = browser.get("/login", "en-GB,en;q=0.9");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("<html lang=\"en\"").contains("Sign in").contains("Password");

        HttpResponse<String> french = new Browser(base).get("/login", "fr-FR,fr;q=0.9,en;q=0.5");
        assertThat(french.body()).contains("<html lang=\"fr\"").contains("Connexion").contains("Mot de passe");

        HttpResponse<String> unsupported = new Browser(base).get("/login", "de-DE");
        assertThat(unsupported.body()).contains("<html lang=\"en\"").contains("Sign in");
    }

    @Test
    void languageSwitchIsRemembered() {
        Browser browser = new Browser(base);
        HttpResponse<String> switched = browser.get("/login?lang=fr", "en");
        assertThat(switched.body()).contains("Mot de passe");
        // The cookie now wins over Accept-Language.
        assertThat(browser.get("/login", "en").body()).contains("Mot de passe");
        assertThat(browser.get("/login?lang=en", "en").body()).contains("Password");
        assertThat(browser.get("/login?lang=xx-bogus", "en").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesNeedASignIn() {
        HttpResponse<String> home = new Browser(base).get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void adminSignsInAndSeesTheHomePage() {
        Browser browser = new Browser(base);
        HttpResponse<String> login = browser.login("admin", ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

        HttpResponse<String> home = browser.get("/", "fr");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Bienvenue, admin").contains("Administrateur").contains("hx-get=\"/fragments/status\"")
                .contains("src=\"/webjars/htmx.org/dist/htmx.min.js\"");
        assertThat(home.headers().firstValue("Content-Security-Policy")).isPresent();

        HttpResponse<String> status = browser.get("/fragments/status", "en");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("All systems working").doesNotContain("<html");

        // The version-less webjar path is resolved to the jar's htmx when it is requested.
        HttpResponse<String> htmx = browser.get("/webjars/htmx.org/dist/htmx.min.js");
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
    }

    @Test
    void failedLoginIsRefusedAndAudited() {
        String attempted = unique("nobody-");
        HttpResponse<String> login = new Browser(base).login(attempted, "wrong-password");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));

        JsonNode audit = json(get("/api/v1/admin/audit-events?action=staff.login_failed&actor=" + attempted, BOOTSTRAP_KEY));
        assertThat(audit.path("items").size()).isEqualTo(1);
        assertThat(audit.path("items").get(0).path("target").asString()).isEqualTo(attempted);

        HttpResponse<String> wrongAdmin = new Browser(base).login("admin", "not-the-password");
        assertThat(wrongAdmin.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }

    @Test
    void unknownPageIsAPageNotJson() {
        Browser browser = new Browser(base);
        browser.login("admin", ADMIN_PASSWORD);
        HttpResponse<String> missing = browser.get("/no-such-page", "en");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(missing.body()).contains("Error 404").doesNotContain("Exception");
    }
}
