package org.entente.backoffice;

import org.entente.support.ApiIT;
import org.entente.support.Browser;
import org.entente.support.Eventually;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV imports from the back office over HTTP: the upload form, the progress fragment, the refused rows download. */
class ImportPagesIT extends ApiIT {

    private static final Pattern IMPORT = Pattern.compile("/imports/([0-9a-f-]{36})");

    private static String startedImport(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        Matcher id = IMPORT.matcher(response.headers().firstValue("Location").orElseThrow());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    @Test
    void anUploadedFileIsImportedWithItsProgressAndItsRefusedRowsCanBeDownloaded() {
        String customer = unique("IMP-");
        String csv = "customerId,email,firstName,lastName\n"
                + customer + "," + customer + "@example.com,Anaïs,Import\n"
                + customer + "-2,not-an-email,Bad,Row\n"
                + "=1+2,also-not-an-email,Formula,Row\n";
        Browser browser = admin();
        HttpResponse<String> form = browser.get("/imports");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("enctype=\"multipart/form-data\"", "name=\"file\"");

        String id = startedImport(browser.postFile("/imports", "/imports", Map.of("kind", "customers"), "file",
                "customers.csv", csv.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> page = browser.get("/imports/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<progress", "id=\"progress\"");

        HttpResponse<String> done = Eventually.await(() -> browser.htmx("/imports/" + id + "/progress"),
                fragment -> fragment.body().contains("data-state=\"completed\""), Duration.ofSeconds(20));
        assertThat(done.body()).doesNotContain("<html").doesNotContain("hx-trigger")
                .contains("value=\"100\"", "id=\"rows-read\">3<", "id=\"rows-accepted\">1<",
                        "id=\"rows-rejected\">2<", "rejections.csv");
        assertThat(json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY))
                .path("attributes").path("firstName").asString()).isEqualTo("Anaïs");

        HttpResponse<String> download = browser.get("/imports/" + id + "/rejections.csv");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        String[] lines = download.body().replace("\uFEFF", "").split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("line,reason,message,field,row");
        assertThat(lines[1]).startsWith("3,invalid_identifier,").contains("not-an-email");
        // A cell a spreadsheet would run as a formula is neutralised.
        assertThat(lines[2]).startsWith("4,").contains(",\"'=1+2,also-not-an-email");

        assertThat(browser.get("/imports").body()).contains("/imports/" + id);
        assertThat(browser.get("/imports?lang=fr").body()).contains("Imports récents", "Terminé");
    }

    @Test
    void thePagesScriptSendsTheFileAsAPlainBodyWithItsCsrfTokenInAHeader() {
        String customer = unique("RAW-");
        byte[] csv = ("customerId,email\n" + customer + "," + customer.toLowerCase() + "@example.com\n")
                .getBytes(StandardCharsets.UTF_8);
        Browser browser = admin();
        HttpResponse<String> sent = browser.postBody("/imports/upload?kind=customers", "/imports", "text/csv", csv);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String id = JSON.readTree(sent.body()).path("id").asString();
        assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("/imports/" + id);
        Eventually.await(() -> browser.htmx("/imports/" + id + "/progress"),
                fragment -> fragment.body().contains("data-state=\"completed\""), Duration.ofSeconds(20));
        assertThat(json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id")
                .isMissingNode()).isFalse();

        int before = listAll("/api/v1/imports").size();
        assertThat(browser.postBody("/imports/upload?kind=customers", null, "text/csv", csv).statusCode())
                .as("without its CSRF token").isEqualTo(403);
        assertThat(new Browser(base).postBody("/imports/upload?kind=customers", null, "text/csv", csv).statusCode())
                .as("signed out").isIn(302, 403);
        assertThat(staffWith("AGENT").postBody("/imports/upload?kind=customers", "/", "text/csv", csv).statusCode())
                .isEqualTo(403);
        assertThat(browser.postBody("/imports/upload?kind=%3Cb%3E", "/imports", "text/csv", csv).statusCode())
                .isEqualTo(400);
        assertThat(browser.postBody("/imports/upload?kind=customers", "/imports", "text/csv", new byte[0])
                .statusCode()).isEqualTo(400);
        assertThat(listAll("/api/v1/imports")).hasSize(before);
    }

    @Test
    void aMultipartFormLargerThanTenMegabytesIsRefusedBeforeItIsRead() {
        byte[] large = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(large, (byte) 'a');
        HttpResponse<String> refused = admin().postFile("/imports", "/imports", Map.of("kind", "customers"), "file",
                "large.csv", large);
        assertThat(refused.statusCode()).isEqualTo(413);
    }

    @Test
    void aMissingFileOrKindIsRefusedOnTheFormAndNothingIsImported() {
        Browser browser = admin();
        int before = listAll("/api/v1/imports").size();
        HttpResponse<String> empty = browser.postFile("/imports", "/imports", Map.of("kind", "customers"), "file",
                "empty.csv", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("role=\"alert\"", "Choose a CSV file");
        HttpResponse<String> kind = browser.postFile("/imports", "/imports", Map.of("kind", "<script>"), "file",
                "x.csv", "customerId\nA\n".getBytes(StandardCharsets.UTF_8));
        assertThat(kind.statusCode()).isEqualTo(400);
        assertThat(kind.body()).contains("customers or transactions").doesNotContain("<script>");
        assertThat(listAll("/api/v1/imports")).hasSize(before);

        assertThat(browser.get("/imports/not-an-id").statusCode()).isEqualTo(400);
        assertThat(browser.get("/imports/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(browser.htmx("/imports/" + UUID.randomUUID() + "/progress").statusCode()).isEqualTo(404);
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        Browser browser = admin();
        // The token is read from a file that has none: the post goes without one.
        HttpResponse<String> forged = browser.postFile("/imports", "/css/entente.css",
                Map.of("kind", "customers"), "file", "x.csv", "customerId\nA\n".getBytes(StandardCharsets.UTF_8));
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void marketersImportAgentsAndStoreStaffDoNot() {
        assertThat(staffWith("MARKETER").get("/imports").statusCode()).isEqualTo(200);
        Browser agent = staffWith("AGENT");
        assertThat(agent.get("/imports").statusCode()).isEqualTo(403);
        assertThat(agent.get("/").body()).doesNotContain("href=\"/imports\"");
        assertThat(staffWith("STORE").postFile("/imports", "/", Map.of("kind", "customers"), "file", "x.csv",
                "customerId\nA\n".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
        assertThat(new Browser(base).get("/imports").statusCode()).isEqualTo(302);
    }
}
