package org.entente.platform.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.entente.platform.Actor;
import org.entente.platform.AfterCommit;
import org.entente.platform.AuditLog;
import org.entente.platform.CursorPage;
import org.entente.platform.Cursors;
import org.entente.platform.ProblemException;
import org.entente.platform.Scope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * API keys: creation (the secret is returned once and never stored), listing, revocation, and the verification
 * of a presented secret on every API request.
 */
@Service
public class ApiKeyService {

    /**
     * Known keys are cached by secret hash so that a request costs no database round trip. Revocation
     * invalidates the entry on this node at once; other nodes see it within this delay. Unknown secrets are not
     * cached, so that random tokens cannot push real keys out of the cache.
     */
    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    /** The width of the {@code name} column. */
    private static final int MAX_NAME = 100;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final ApiKeyRepository keys;
    private final AuditLog audit;
    private final Clock clock;
    private final Cache<String, ApiKeyPrincipal> byHash = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(CACHE_TTL)
            .build();

    ApiKeyService(ApiKeyRepository keys, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new key and its secret, which the caller must show once and forget. */
    public record CreatedApiKey(ApiKeyView key, String secret) {
    }

    /**
     * Creates a key with a fresh random secret. Audited.
     *
     * @param expiresAt null for a key that does not expire; otherwise in the future
     * @throws ProblemException.BadRequest naming every field at fault (a blank, too long or control-character name,
     *                                     no scope, an expiry not in the future)
     */
    @Transactional
    public CreatedApiKey create(String name, Set<Scope> scopes, Instant expiresAt, Actor by) {
        Instant now = clock.instant();
        List<ProblemException.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new ProblemException.FieldError("name", "NotBlank", "problem.field.notBlank"));
        } else if (name.strip().length() > MAX_NAME) {
            errors.add(new ProblemException.FieldError("name", "Size", "problem.field.tooLong", MAX_NAME));
        } else if (CONTROL.matcher(name).find()) {
            errors.add(new ProblemException.FieldError("name", "Pattern", "problem.field.noControlCharacters"));
        }
        if (scopes == null || scopes.isEmpty()) {
            errors.add(new ProblemException.FieldError("scopes", "NotEmpty", "problem.apiKey.scopes"));
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.add(new ProblemException.FieldError("expiresAt", "Future", "problem.apiKey.expiresInPast"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.BadRequest(errors, "problem.validation");
        }
        String secret = ApiKeySecrets.newSecret();
        ApiKeyView key = store(name.strip(), scopes, expiresAt, secret, now, by)
                .orElseThrow(() -> new IllegalStateException("a fresh 256-bit secret collided with a stored one"));
        return new CreatedApiKey(key, secret);
    }

    /**
     * Creates a full-scope key with exactly this secret unless a key with this secret exists (even revoked:
     * a revoked bootstrap key stays revoked). Idempotent across restarts and nodes.
     *
     * @return true when the key was created
     */
    @Transactional
    public boolean ensureBootstrapKey(String secret) {
        return store("bootstrap", EnumSet.allOf(Scope.class), null, secret, clock.instant(), Actor.system()).isPresent();
    }

    /** Stores and audits the key unless one with this secret exists; empty then. */
    private Optional<ApiKeyView> store(String name, Set<Scope> scopes, Instant expiresAt, String secret, Instant now,
                                       Actor by) {
        ApiKeyView key = new ApiKeyView(UUID.randomUUID(), name, ApiKeySecrets.shownPart(secret), scopes, now,
                by.name(), expiresAt, null, null);
        String hash = ApiKeySecrets.hash(secret);
        if (!keys.insertIfAbsent(key, hash)) {
            return Optional.empty();
        }
        invalidate(hash);
        audit.record(by, "api_key.created", key.id().toString(),
                Map.of("name", key.name(), "scopes", key.scopes().stream().map(Scope::code).toList(),
                        "expiresAt", String.valueOf(expiresAt)));
        return Optional.of(key);
    }

    /**
     * The key a presented secret belongs to, if it exists and is usable now (not revoked, not expired).
     * Costs no database round trip when the key was verified recently.
     */
    public Optional<ApiKeyPrincipal> authenticate(String secret) {
        String hash = ApiKeySecrets.hash(secret);
        // Loading inside the cache is atomic with invalidation: a revocation committed while a load is in flight
        // still removes what that load brings. A null answer (unknown secret) is not cached.
        ApiKeyPrincipal key = byHash.get(hash, h -> keys.findByHash(h).orElse(null));
        return Optional.ofNullable(key).filter(k -> k.usableAt(clock.instant()));
    }

    /** Keys, newest first. */
    @Transactional(readOnly = true)
    public CursorPage<ApiKeyView> list(String cursor, int limit) {
        Instant afterCreatedAt = null;
        UUID afterId = null;
        if (cursor != null) {
            List<String> parts = Cursors.decode(cursor, 2);
            try {
                afterCreatedAt = Instant.parse(parts.get(0));
                afterId = UUID.fromString(parts.get(1));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursors.invalid();
            }
        }
        return CursorPage.of(keys.page(afterCreatedAt, afterId, limit + 1), limit,
                key -> Cursors.encode(key.createdAt().toString(), key.id().toString()));
    }

    @Transactional(readOnly = true)
    public ApiKeyView get(UUID id) {
        return keys.findById(id).orElseThrow(() -> new ProblemException.NotFound("problem.apiKey.notFound", id));
    }

    /**
     * Revokes a key: from now on it authenticates nothing. Revoking a revoked key changes nothing and is not
     * audited twice.
     *
     * @return the key as it is now
     */
    @Transactional
    public ApiKeyView revoke(UUID id, Actor by) {
        if (keys.revoke(id, clock.instant(), by.name())) {
            audit.record(by, "api_key.revoked", id.toString(), Map.of());
        }
        keys.secretHashOf(id).ifPresent(this::invalidate);
        return get(id);
    }

    /**
     * Drops a cached verification now and again once the change is committed: dropping it only before the commit
     * would let a concurrent request cache the state from before the change for the whole TTL.
     */
    private void invalidate(String hash) {
        byHash.invalidate(hash);
        AfterCommit.run(() -> byHash.invalidate(hash));
    }
}
