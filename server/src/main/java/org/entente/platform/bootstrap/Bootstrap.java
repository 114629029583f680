package org.entente.platform.bootstrap;

import org.entente.platform.PlatformProperties;
import org.entente.platform.ProblemException;
import org.entente.platform.apikey.ApiKeyService;
import org.entente.platform.staff.StaffUserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * First-start credentials, so that Entente can be used without a UI: the {@code admin} staff user (with the
 * configured password, or a generated one printed once) and, when configured, a full-scope API key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    private static final int WEAK_KEY_LENGTH = 20;
    /** What the API accepts in a bearer header. */
    private static final int MAX_KEY_LENGTH = 512;

    private final PlatformProperties properties;
    private final StaffUserService staff;
    private final ApiKeyService keys;

    Bootstrap(PlatformProperties properties, StaffUserService staff, ApiKeyService keys) {
        this.properties = properties;
        this.staff = staff;
        this.keys = keys;
    }

    @Override
    public void run(ApplicationArguments args) {
        PlatformProperties.Bootstrap bootstrap = properties.bootstrap();
        try {
            staff.bootstrapAdmin(bootstrap.adminPasswordValue().orElse(null)).ifPresent(password -> log.warn("""

                    ****************************************************************
                      First start: staff user 'admin' created with password
                        {}
                      It is shown only this once. Change it, or set
                      entente.bootstrap.admin-password.
                    ****************************************************************""", password));
        } catch (ProblemException.BadRequest e) {
            throw new IllegalStateException("entente.bootstrap.admin-password must be at least 8 characters and at most "
                    + "72 bytes", e);
        }
        bootstrap.apiKeyValue().ifPresent(secret -> {
            if (secret.length() > MAX_KEY_LENGTH) {
                throw new IllegalStateException("entente.bootstrap.api-key must be at most " + MAX_KEY_LENGTH
                        + " characters");
            }
            if (secret.length() < WEAK_KEY_LENGTH) {
                log.warn("entente.bootstrap.api-key is shorter than {} characters: fine for a test, weak in production",
                        WEAK_KEY_LENGTH);
            }
            if (keys.ensureBootstrapKey(secret)) {
                log.info("Created the full-scope API key 'bootstrap' from entente.bootstrap.api-key");
            }
        });
    }
}
