package org.entente.platform.apikey;

import org.entente.platform.Scope;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.entente.platform.db.Tables.PLATFORM_API_KEY;
import static org.entente.platform.db.Tables.PLATFORM_API_KEY_SCOPE;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

/** Storage of API keys: one row per key, one row per scope. */
@Repository
class ApiKeyRepository {

    private final DSLContext db;

    ApiKeyRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Inserts the key unless one with the same secret exists, committed or being inserted by a concurrent
     * transaction (another node bootstrapping the same key).
     *
     * @return true when this call inserted it
     */
    boolean insertIfAbsent(ApiKeyView key, String secretHash) {
        int inserted = db.insertInto(PLATFORM_API_KEY)
                .set(PLATFORM_API_KEY.ID, key.id())
                .set(PLATFORM_API_KEY.NAME, key.name())
                .set(PLATFORM_API_KEY.PREFIX, key.prefix())
                .set(PLATFORM_API_KEY.SECRET_HASH, secretHash)
                .set(PLATFORM_API_KEY.CREATED_AT, key.createdAt())
                .set(PLATFORM_API_KEY.CREATED_BY, key.createdBy())
                .set(PLATFORM_API_KEY.EXPIRES_AT, key.expiresAt())
                .onConflict(PLATFORM_API_KEY.SECRET_HASH).doNothing()
                .execute();
        if (inserted == 0) {
            return false;
        }
        var insert = db.insertInto(PLATFORM_API_KEY_SCOPE, PLATFORM_API_KEY_SCOPE.API_KEY_ID, PLATFORM_API_KEY_SCOPE.SCOPE);
        for (Scope scope : key.scopes()) {
            insert = insert.values(key.id(), scope.code());
        }
        insert.execute();
        return true;
    }

    /** The key whose secret has this hash, revoked or not, in one round trip. */
    Optional<ApiKeyPrincipal> findByHash(String secretHash) {
        return keys(db.select(PLATFORM_API_KEY.asterisk(), PLATFORM_API_KEY_SCOPE.SCOPE)
                .from(PLATFORM_API_KEY)
                .join(PLATFORM_API_KEY_SCOPE).on(PLATFORM_API_KEY_SCOPE.API_KEY_ID.eq(PLATFORM_API_KEY.ID))
                .where(PLATFORM_API_KEY.SECRET_HASH.eq(secretHash))
                .fetch()).stream().findFirst().map(ApiKeyView::principal);
    }

    Optional<ApiKeyView> findById(UUID id) {
        return keys(db.select(PLATFORM_API_KEY.asterisk(), PLATFORM_API_KEY_SCOPE.SCOPE)
                .from(PLATFORM_API_KEY)
                .join(PLATFORM_API_KEY_SCOPE).on(PLATFORM_API_KEY_SCOPE.API_KEY_ID.eq(PLATFORM_API_KEY.ID))
                .where(PLATFORM_API_KEY.ID.eq(id))
                .fetch()).stream().findFirst();
    }

    /** Keys newest first, strictly after the (createdAt, id) position when given. */
    List<ApiKeyView> page(Instant afterCreatedAt, UUID afterId, int limit) {
        var page = db.select(PLATFORM_API_KEY.ID)
                .from(PLATFORM_API_KEY)
                .where(afterCreatedAt == null ? noCondition()
                        : row(PLATFORM_API_KEY.CREATED_AT, PLATFORM_API_KEY.ID).lt(afterCreatedAt, afterId))
                .orderBy(PLATFORM_API_KEY.CREATED_AT.desc(), PLATFORM_API_KEY.ID.desc())
                .limit(limit);
        return keys(db.select(PLATFORM_API_KEY.asterisk(), PLATFORM_API_KEY_SCOPE.SCOPE)
                .from(PLATFORM_API_KEY)
                .join(PLATFORM_API_KEY_SCOPE).on(PLATFORM_API_KEY_SCOPE.API_KEY_ID.eq(PLATFORM_API_KEY.ID))
                .where(PLATFORM_API_KEY.ID.in(page))
                .orderBy(PLATFORM_API_KEY.CREATED_AT.desc(), PLATFORM_API_KEY.ID.desc())
                .fetch());
    }

    /** Marks the key revoked unless it already is; true when this call revoked it. */
    boolean revoke(UUID id, Instant at, String by) {
        return db.update(PLATFORM_API_KEY)
                .set(PLATFORM_API_KEY.REVOKED_AT, at)
                .set(PLATFORM_API_KEY.REVOKED_BY, by)
                .where(PLATFORM_API_KEY.ID.eq(id).and(PLATFORM_API_KEY.REVOKED_AT.isNull()))
                .execute() == 1;
    }

    Optional<String> secretHashOf(UUID id) {
        return db.select(PLATFORM_API_KEY.SECRET_HASH).from(PLATFORM_API_KEY)
                .where(PLATFORM_API_KEY.ID.eq(id)).fetchOptional(PLATFORM_API_KEY.SECRET_HASH);
    }

    /** Folds the (key, scope) join rows into keys, keeping the row order. */
    private static List<ApiKeyView> keys(Result<? extends Record> rows) {
        Map<UUID, ApiKeyView> byId = new LinkedHashMap<>();
        Map<UUID, Set<Scope>> scopes = new LinkedHashMap<>();
        for (Record r : rows) {
            UUID id = r.get(PLATFORM_API_KEY.ID);
            scopes.computeIfAbsent(id, k -> EnumSet.noneOf(Scope.class)).add(Scope.fromCode(r.get(PLATFORM_API_KEY_SCOPE.SCOPE)));
            byId.putIfAbsent(id, new ApiKeyView(id, r.get(PLATFORM_API_KEY.NAME), r.get(PLATFORM_API_KEY.PREFIX), Set.of(),
                    r.get(PLATFORM_API_KEY.CREATED_AT), r.get(PLATFORM_API_KEY.CREATED_BY), r.get(PLATFORM_API_KEY.EXPIRES_AT),
                    r.get(PLATFORM_API_KEY.REVOKED_AT), r.get(PLATFORM_API_KEY.REVOKED_BY)));
        }
        List<ApiKeyView> result = new ArrayList<>(byId.size());
        byId.forEach((id, key) -> result.add(key.withScopes(scopes.get(id))));
        return result;
    }
}
