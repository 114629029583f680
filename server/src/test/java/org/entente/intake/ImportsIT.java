package org.entente.intake;

import org.entente.support.ApiIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImportsIT extends ApiIT {

    @Test
    void transactionsBecomeOrdersOnceEvenWhenImportedTwice() {
        String customer = unique("IMP-");
        String otherOrder = unique("O-");
        String csv = """
                orderId;customerId;email;occurredAt;sku;name;brand;category;quantity;unitPrice;currency;store;channel
                %1$s-1;%2$s;;2026-03-01T10:00:00Z;SKU-1;Nappies;Acme;baby;2;12.50;EUR;lyon-02;store
                %1$s-1;%2$s;;2026-03-01T10:00:00Z;SKU-2;Wipes;Acme;baby;1;3.20;EUR;lyon-02;store
                %1$s-2;%2$s;;2026-04-01T10:00:00Z;SKU-1;Nappies;Acme;baby;-1;12.50;EUR;lyon-02;store
                %3$s;%2$s;;2026-04-02T10:00:00Z;SKU-9;Thing;Acme;home;1;abc;EUR;lyon-02;store
                %1$s-3;;not-an-email;2026-04-03T10:00:00Z;SKU-9;Thing;Acme;home;1;5.00;EUR;lyon-02;store
                %1$s-1;%2$s;;2026-03-01T10:00:00Z;SKU-3;Late row;Acme;baby;1;1.00;EUR;lyon-02;store
                """.formatted(customer, customer, otherOrder);
        JsonNode first = importAndWait("transactions", csv);
        assertThat(first.path("state").asString()).as(first.toString()).isEqualTo("completed");
        assertThat(first.path("rowsRead").asLong()).isEqualTo(6);
        assertThat(first.path("rowsAccepted").asLong()).isEqualTo(3);
        assertThat(first.path("rowsRejected").asLong()).isEqualTo(3);
        assertThat(first.path("rowsPerSecond").asDouble()).isPositive();

        List<JsonNode> rejected = new ArrayList<>();
        json(get("/api/v1/imports/" + first.path("id").asString() + "/rejections", BOOTSTRAP_KEY)).path("items")
                .forEach(rejected::add);
        assertThat(rejected).extracting(row -> row.path("line").asLong()).containsExactly(5L, 6L, 7L);
        assertThat(rejected).extracting(row -> row.path("reason").path("code").asString())
                .containsExactly("invalid_row", "invalid_identifier", "order_not_contiguous");

        JsonNode profile = json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY));
        JsonNode eur = profile.path("statistics").path("purchases").get(0);
        assertThat(eur.path("orders").asLong()).isEqualTo(1);
        assertThat(eur.path("revenue").decimalValue()).isEqualByComparingTo("28.20");
        assertThat(eur.path("returns").asLong()).isEqualTo(1);
        assertThat(eur.path("returnedAmount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(profile.path("acquisition").path("firstPurchase").path("store").asString()).isEqualTo("lyon-02");

        JsonNode again = importAndWait("transactions", csv);
        assertThat(again.path("rowsAccepted").asLong()).isZero();
        assertThat(again.path("rowsDuplicate").asLong()).isEqualTo(3);
        JsonNode unchanged = json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY));
        assertThat(unchanged.path("statistics")).isEqualTo(profile.path("statistics"));
    }

    @Test
    void customersAreCreatedWithTheirTraits() {
        String customer = unique("CUST-");
        String email = unique("imported.") + "@example.com";
        String csv = "customerId,email,phone,firstName,lastName,loyaltyCard,createdAt,favouriteStore\n"
                + customer + "," + email + ",06 12 34 56 78,Hélène,Martin,,2019-05-04,nantes-01\n";
        JsonNode done = importAndWait("customers", csv);
        assertThat(done.path("rowsAccepted").asLong()).as(done.toString()).isEqualTo(1);
        JsonNode profile = json(get("/api/v1/profiles?identifier=email:" + email, BOOTSTRAP_KEY));
        assertThat(profile.path("attributes").path("firstName").asString()).isEqualTo("Hélène");
        assertThat(profile.path("attributes").path("custom").path("favouriteStore").asString()).isEqualTo("nantes-01");
        assertThat(profile.path("identifiers").findValuesAsString("value")).contains(customer, email);
        List<JsonNode> found = new ArrayList<>();
        json(get("/api/v1/profiles/search?q=helene", BOOTSTRAP_KEY)).forEach(found::add);
        assertThat(found).extracting(hit -> hit.path("id").asString()).contains(profile.path("id").asString());
    }

    @Test
    void aFileWithoutTheRequiredColumnsFailsWithTheReason() {
        JsonNode done = importAndWait("transactions", "orderId,sku\nO-1,SKU-1\n");
        assertThat(done.path("state").asString()).isEqualTo("failed");
        assertThat(done.path("error").asString()).contains("occurredAt").contains("customerId or email");
    }

    @Test
    void badRequestsAreRefused() {
        assertProblem(upload("pets", "a,b\n1,2\n", BOOTSTRAP_KEY), 400, "validation");
        assertProblem(upload("customers", "", BOOTSTRAP_KEY), 400, "bad_request");
        assertProblem(upload("customers", "email\na@example.com\n", createKey("reader", "read")), 403, "forbidden");
        assertProblem(get("/api/v1/imports/" + java.util.UUID.randomUUID(), BOOTSTRAP_KEY), 404, "not_found");
    }
}
