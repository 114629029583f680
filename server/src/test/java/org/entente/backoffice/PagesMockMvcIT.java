package org.entente.backoffice;

import org.entente.platform.CustomerSessions;
import org.entente.support.ApiIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The pages through MockMvc, with the real security filter chains: which view or fragment each request renders, what
 * each staff role may open, and that a customer's session reaches their own data only, whatever they send.
 */
class PagesMockMvcIT extends ApiIT {

    @Autowired
    WebApplicationContext context;

    private MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(
                org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
                .build();
    }

    private static RequestPostProcessor staff(String role) {
        return user("mock-" + role.toLowerCase(java.util.Locale.ROOT)).roles(role);
    }

    private static RequestPostProcessor customer(String personId) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated("customer:" + personId, null,
                List.of(new SimpleGrantedAuthority(CustomerSessions.AUTHORITY))));
    }

    private String person(String firstName, String email) {
        String customer = unique("mvc");
        ObjectNode identify = JSON.createObjectNode().put("id", "it-" + UUID.randomUUID()).put("type", "identify")
                .put("channel", "web");
        identify.putObject("identifiers").put("customerId", customer).put("email", email);
        identify.putObject("properties").put("firstName", firstName).put("lastName", "Mock");
        send(identify);
        return json(get("/api/v1/profiles?identifier=customerId:" + customer, BOOTSTRAP_KEY)).path("id").asString();
    }

    @Test
    void htmxRequestsGetTheFragmentTheySwapAndPlainOnesTheWholePage() throws Exception {
        String id = person("Fragment", unique("fragment") + "@example.com");
        MvcResult page = mvc.perform(MockMvcRequestBuilders.get("/customers").param("q", "Fragment").with(staff("AGENT"))).andReturn();
        assertThat(page.getModelAndView().getViewName()).isEqualTo("backoffice/customers");
        assertThat(page.getResponse().getContentAsString()).contains("<html");

        MvcResult results = mvc.perform(MockMvcRequestBuilders.get("/customers").param("q", "Fragment").header("HX-Request", "true")
                .with(staff("AGENT"))).andReturn();
        assertThat(results.getModelAndView().getViewName()).isEqualTo("backoffice/customers :: results");
        assertThat(results.getResponse().getContentAsString()).doesNotContain("<html").contains("id=\"results\"");

        MvcResult timeline = mvc.perform(MockMvcRequestBuilders.get("/customers/" + id + "/timeline").param("channel", "web")
                .header("HX-Request", "true").with(staff("STORE"))).andReturn();
        assertThat(timeline.getModelAndView().getViewName()).isEqualTo("backoffice/customer :: timeline");
        assertThat(timeline.getResponse().getContentAsString()).doesNotContain("<html").contains("identify");
        MvcResult more = mvc.perform(MockMvcRequestBuilders.get("/customers/" + id + "/timeline").param("cursor", "bm9uZQ")
                .header("HX-Request", "true").with(staff("AGENT"))).andReturn();
        assertThat(more.getResponse().getStatus()).isEqualTo(400);

        MvcResult status = mvc.perform(MockMvcRequestBuilders.get("/fragments/status").with(staff("STORE"))).andReturn();
        assertThat(status.getModelAndView().getViewName()).isEqualTo("fragments/status :: status");
    }

    @Test
    void eachRoleOpensThePagesOfItsWorkOnly() throws Exception {
        Map<String, List<String>> opens = Map.of(
                "/customers", List.of("ADMIN", "AGENT", "STORE"),
                "/imports", List.of("ADMIN", "MARKETER"),
                "/settings/offers", List.of("ADMIN", "MARKETER"),
                "/settings/loyalty-program", List.of("ADMIN", "MARKETER"),
                "/admin/staff", List.of("ADMIN"),
                "/admin/api-keys", List.of("ADMIN"),
                "/admin/audit", List.of("ADMIN"),
                "/", List.of("ADMIN", "MARKETER", "AGENT", "STORE"));
        for (Map.Entry<String, List<String>> page : opens.entrySet()) {
            for (String role : List.of("ADMIN", "MARKETER", "AGENT", "STORE")) {
                int status = mvc.perform(MockMvcRequestBuilders.get(page.getKey()).with(staff(role))).andReturn().getResponse().getStatus();
                assertThat(status).as(role + " on " + page.getKey())
                        .isEqualTo(page.getValue().contains(role) ? 200 : 403);
            }
            int anonymous = mvc.perform(MockMvcRequestBuilders.get(page.getKey())).andReturn().getResponse().getStatus();
            assertThat(anonymous).as("anonymous on " + page.getKey()).isEqualTo(302);
        }
        // Writes are refused by role too, not only pages, and a staff session opens no customer's portal.
        assertThat(mvc.perform(post("/settings/contact-policy").param("document", "{}").with(csrf())
                .with(staff("MARKETER"))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/admin/staff").param("username", "x").with(csrf()).with(staff("AGENT")))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/me").with(staff("ADMIN"))).andReturn().getResponse().getStatus())
                .isIn(302, 403);
    }

    @Test
    void aCustomerReachesTheirOwnDataOnlyWhateverTheySend() throws Exception {
        String aliceEmail = unique("alice") + "@example.com";
        String bobEmail = unique("bob") + "@example.com";
        String alice = person("Alice", aliceEmail);
        String bob = person("Bob", bobEmail);

        String me = mvc.perform(MockMvcRequestBuilders.get("/me").param("id", bob).param("personId", bob).with(customer(alice)))
                .andReturn().getResponse().getContentAsString();
        assertThat(me).contains("Alice").doesNotContain("Bob").doesNotContain(bobEmail);
        String data = mvc.perform(MockMvcRequestBuilders.get("/me/data").param("personId", bob).with(customer(alice))).andReturn()
                .getResponse().getContentAsString();
        assertThat(data).contains(aliceEmail).doesNotContain(bobEmail).doesNotContain(bob);

        int bobVersion = json(get("/api/v1/profiles/" + bob + "/preferences", BOOTSTRAP_KEY)).path("version").asInt();
        MvcResult saved = mvc.perform(post("/me/preferences").param("personId", bob).param("pause", "30")
                .header("HX-Request", "true").with(csrf()).with(customer(alice))).andReturn();
        assertThat(saved.getModelAndView().getViewName()).isEqualTo("portal/me :: preferences");
        assertThat(json(get("/api/v1/profiles/" + alice + "/preferences", BOOTSTRAP_KEY)).path("pausedUntil")
                .isNull()).isFalse();
        assertThat(json(get("/api/v1/profiles/" + bob + "/preferences", BOOTSTRAP_KEY)).path("version").asInt())
                .isEqualTo(bobVersion);

        for (String staffPage : List.of("/customers/" + bob, "/customers?q=Bob", "/admin/audit", "/imports", "/")) {
            assertThat(mvc.perform(MockMvcRequestBuilders.get(staffPage).with(customer(alice))).andReturn().getResponse().getStatus())
                    .as(staffPage).isEqualTo(403);
        }
        assertThat(mvc.perform(post("/me/preferences").param("pause", "30").with(customer(alice))).andReturn()
                .getResponse().getStatus()).as("without its CSRF token").isEqualTo(403);
    }

    @Test
    void aCustomersErasureRequestIsCarriedOutByAnAdministratorFromTheBackOffice() throws Exception {
        String email = unique("erase-me") + "@example.com";
        String person = person("Erin", email);
        assertThat(mvc.perform(post("/admin/erasures/" + person).with(csrf()).with(staff("ADMIN"))).andReturn()
                .getResponse().getStatus()).as("nobody asked yet").isEqualTo(404);

        mvc.perform(post("/me/erasure").with(csrf()).with(customer(person))).andReturn();
        String list = mvc.perform(MockMvcRequestBuilders.get("/admin/erasures").with(staff("ADMIN"))).andReturn()
                .getResponse().getContentAsString();
        assertThat(list).contains("data-person=\"" + person + "\"", "action=\"/admin/erasures/" + person + "\"");
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/admin/erasures").with(staff("AGENT"))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/admin/erasures/" + person).with(staff("ADMIN"))).andReturn().getResponse()
                .getStatus()).as("without its CSRF token").isEqualTo(403);

        MvcResult erased = mvc.perform(post("/admin/erasures/" + person).with(csrf()).with(staff("ADMIN")))
                .andReturn();
        assertThat(erased.getResponse().getRedirectedUrl()).isEqualTo("/admin/erasures?erased");
        assertThat(get("/api/v1/profiles?identifier=email:" + email, BOOTSTRAP_KEY).statusCode()).isEqualTo(404);
        String after = mvc.perform(MockMvcRequestBuilders.get("/admin/erasures").with(staff("ADMIN"))).andReturn()
                .getResponse().getContentAsString();
        assertThat(after).contains("data-person=\"" + person + "\"").contains("Erased on")
                .doesNotContain("action=\"/admin/erasures/" + person + "\"");
    }
}
