package org.entente.platform.apikey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * The trivial authenticated endpoint: it tells a system that its key works and what it may do, and it is the
 * baseline of the benchmarks (no database, no work beyond authentication).
 */
@RestController
@Tag(name = "Ping")
class PingController {

    private final Clock clock;

    PingController(Clock clock) {
        this.clock = clock;
    }

    record Pong(String status, String key, Set<Scope> scopes, Instant time) {
    }

    @GetMapping("/api/v1/ping")
    @RequiresScope({Scope.INGEST, Scope.CHECKOUT, Scope.OUTREACH, Scope.READ, Scope.ADMIN})
    @Operation(summary = "Check a key", description = "Any valid key; answers its name and scopes.")
    Pong ping(@AuthenticationPrincipal ApiKeyPrincipal key) {
        return new Pong("ok", key.name(), key.scopes(), clock.instant());
    }
}
