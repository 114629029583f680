package org.entente.portal.web;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Where sign-in links point: never to a host a request merely claims. */
class PortalPagesTest {

    private static final URI CURRENT = URI.create("http://localhost:8080");

    @Test
    void theConfiguredAddressWins() {
        URI configured = URI.create("https://me.example.com");
        assertThat(PortalPages.linkBase(configured, "evil.example", URI.create("http://evil.example")))
                .contains(configured);
    }

    @Test
    void withoutOneOnlyALocalServerBuildsLinksFromTheRequest() {
        assertThat(PortalPages.linkBase(null, "localhost", CURRENT)).contains(CURRENT);
        assertThat(PortalPages.linkBase(null, "127.0.0.1", CURRENT)).contains(CURRENT);
        assertThat(PortalPages.linkBase(null, "evil.example", URI.create("http://evil.example"))).isEmpty();
        assertThat(PortalPages.linkBase(null, "shop.example.com", URI.create("https://shop.example.com"))).isEmpty();
    }
}
