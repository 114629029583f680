package org.entente.portal.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * @param baseUrl the address customers reach Entente at, such as {@code https://me.example.com}: sign-in links start
 *                with it. Without it, links are sent only to a server reached as {@code localhost} (a developer's
 *                machine), never built from the Host header a request brings, which anybody can forge to send a
 *                customer a link to another site.
 */
@ConfigurationProperties("entente.portal")
public record PortalProperties(URI baseUrl) {

    public PortalProperties {
        boolean web = baseUrl == null || "https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme());
        if (!web || baseUrl != null && baseUrl.getHost() == null) {
            throw new IllegalArgumentException("entente.portal.base-url must be an http(s) URL such as "
                    + "https://me.example.com");
        }
    }
}
