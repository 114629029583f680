package org.entente.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The platform's {@code entente.*} settings. Every property here is listed in the README's configuration table.
 *
 * @param dataDir   where the embedded database and local files live ({@code entente.data-dir}, default {@code ./data})
 * @param bootstrap first-start credentials
 * @param api       limits of the HTTP API
 */
@ConfigurationProperties("entente")
public record PlatformProperties(@DefaultValue("./data") Path dataDir,
                                 @DefaultValue Bootstrap bootstrap,
                                 @DefaultValue Api api) {

    /**
     * @param apiKey        when set, a full-scope API key with exactly this value is created if absent
     *                      ({@code entente.bootstrap.api-key}, env {@code ENTENTE_BOOTSTRAP_API_KEY})
     * @param adminPassword when set, the {@code admin} staff user's password is set to it at every start
     *                      ({@code entente.bootstrap.admin-password})
     */
    public record Bootstrap(String apiKey, String adminPassword) {

        /** The key without surrounding whitespace (a value read from a file often ends with a line feed). */
        public Optional<String> apiKeyValue() {
            return Optional.ofNullable(apiKey).map(String::strip).filter(s -> !s.isEmpty());
        }

        public Optional<String> adminPasswordValue() {
            return Optional.ofNullable(adminPassword).filter(s -> !s.isEmpty());
        }
    }

    /** @param maxBodySize the largest request body accepted under {@code /api/**}; larger ones get 413 */
    public record Api(@DefaultValue("1MB") DataSize maxBodySize) {
    }
}
