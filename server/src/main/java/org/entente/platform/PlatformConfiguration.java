package org.entente.platform;

import org.jooq.conf.RenderQuotedNames;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.core.StreamReadFeature;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** Beans every module may inject: the clock and the password encoder; and the jOOQ settings. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    /**
     * Domain code takes time from this clock, never from {@code Instant.now()}, so tests can move it. It ticks in
     * microseconds, the precision both databases keep, so an instant answered at once equals the one read back.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
    }

    /**
     * A JSON object that repeats a key is refused everywhere (which of the two values would count is anybody's
     * guess): request bodies get 400 {@code malformed_json}.
     */
    @Bean
    JsonFactoryBuilderCustomizer strictDuplicates() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** bcrypt by default, behind the delegating encoder so that stored hashes can be upgraded later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Migrations create tables with unquoted names, which H2 folds to upper case and PostgreSQL to lower case;
     * rendering jOOQ names unquoted lets the same code run on both.
     */
    @Bean
    DefaultConfigurationCustomizer unquotedNames() {
        return configuration -> configuration.settings().withRenderQuotedNames(RenderQuotedNames.NEVER);
    }
}
