package org.entente.platform.staff;

import org.entente.platform.StaffRole;
import org.jooq.Condition;
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

import static org.entente.platform.db.Tables.PLATFORM_STAFF_USER;
import static org.entente.platform.db.Tables.PLATFORM_STAFF_USER_ROLE;
import static org.jooq.impl.DSL.noCondition;

/** Storage of staff users: one row per user, one row per role. */
@Repository
class StaffUserRepository {

    /** A stored user with its password hash, for authentication only. */
    record Credentials(StaffUserView user, String passwordHash) {
    }

    private final DSLContext db;

    StaffUserRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Inserts the user unless the username is taken, committed or being inserted by a concurrent transaction.
     *
     * @return true when this call inserted it
     */
    boolean insertIfAbsent(StaffUserView user, String passwordHash) {
        int inserted = db.insertInto(PLATFORM_STAFF_USER)
                .set(PLATFORM_STAFF_USER.ID, user.id())
                .set(PLATFORM_STAFF_USER.USERNAME, user.username())
                .set(PLATFORM_STAFF_USER.DISPLAY_NAME, user.displayName())
                .set(PLATFORM_STAFF_USER.PASSWORD_HASH, passwordHash)
                .set(PLATFORM_STAFF_USER.ENABLED, user.enabled())
                .set(PLATFORM_STAFF_USER.CREATED_AT, user.createdAt())
                .set(PLATFORM_STAFF_USER.UPDATED_AT, user.updatedAt())
                .onConflict(PLATFORM_STAFF_USER.USERNAME).doNothing()
                .execute();
        if (inserted == 0) {
            return false;
        }
        insertRoles(user.id(), user.roles());
        return true;
    }

    private void insertRoles(UUID userId, Set<StaffRole> roles) {
        var insert = db.insertInto(PLATFORM_STAFF_USER_ROLE, PLATFORM_STAFF_USER_ROLE.USER_ID, PLATFORM_STAFF_USER_ROLE.ROLE);
        for (StaffRole role : roles) {
            insert = insert.values(userId, role.name());
        }
        insert.execute();
    }

    boolean existsByUsername(String username) {
        return db.fetchExists(PLATFORM_STAFF_USER, PLATFORM_STAFF_USER.USERNAME.eq(username));
    }

    Optional<Credentials> credentials(String username) {
        return Optional.ofNullable(db.select(PLATFORM_STAFF_USER.PASSWORD_HASH).from(PLATFORM_STAFF_USER)
                        .where(PLATFORM_STAFF_USER.USERNAME.eq(username)).fetchOne(PLATFORM_STAFF_USER.PASSWORD_HASH))
                .flatMap(hash -> findBy(PLATFORM_STAFF_USER.USERNAME.eq(username)).map(u -> new Credentials(u, hash)));
    }

    Optional<StaffUserView> findById(UUID id) {
        return findBy(PLATFORM_STAFF_USER.ID.eq(id));
    }

    /** Locks the user's row until the end of the transaction. */
    Optional<StaffUserView> lockById(UUID id) {
        db.select(PLATFORM_STAFF_USER.ID).from(PLATFORM_STAFF_USER).where(PLATFORM_STAFF_USER.ID.eq(id)).forUpdate().fetch();
        return findById(id);
    }

    private Optional<StaffUserView> findBy(Condition condition) {
        return users(db.select(PLATFORM_STAFF_USER.asterisk(), PLATFORM_STAFF_USER_ROLE.ROLE)
                .from(PLATFORM_STAFF_USER)
                .leftJoin(PLATFORM_STAFF_USER_ROLE).on(PLATFORM_STAFF_USER_ROLE.USER_ID.eq(PLATFORM_STAFF_USER.ID))
                .where(condition)
                .fetch()).stream().findFirst();
    }

    /** Users ordered by username, strictly after {@code afterUsername} when given. */
    List<StaffUserView> page(String afterUsername, int limit) {
        var ids = db.select(PLATFORM_STAFF_USER.ID).from(PLATFORM_STAFF_USER)
                .where(afterUsername == null ? noCondition() : PLATFORM_STAFF_USER.USERNAME.gt(afterUsername))
                .orderBy(PLATFORM_STAFF_USER.USERNAME)
                .limit(limit);
        return users(db.select(PLATFORM_STAFF_USER.asterisk(), PLATFORM_STAFF_USER_ROLE.ROLE)
                .from(PLATFORM_STAFF_USER)
                .leftJoin(PLATFORM_STAFF_USER_ROLE).on(PLATFORM_STAFF_USER_ROLE.USER_ID.eq(PLATFORM_STAFF_USER.ID))
                .where(PLATFORM_STAFF_USER.ID.in(ids))
                .orderBy(PLATFORM_STAFF_USER.USERNAME)
                .fetch());
    }

    /**
     * Locks every staff user row until the end of the transaction. Changes to staff are rare; serialising them all
     * is what makes the "at least one enabled admin" check safe: a statement run after this one sees every change
     * committed before the lock was granted.
     */
    void lockAll() {
        db.select(PLATFORM_STAFF_USER.ID).from(PLATFORM_STAFF_USER).orderBy(PLATFORM_STAFF_USER.ID).forUpdate().fetch();
    }

    /** Enabled users holding ADMIN; call after {@link #lockAll()} for an answer that stays true. */
    List<UUID> enabledAdmins() {
        return db.select(PLATFORM_STAFF_USER.ID).from(PLATFORM_STAFF_USER)
                .where(PLATFORM_STAFF_USER.ENABLED.isTrue())
                .and(PLATFORM_STAFF_USER.ID.in(db.select(PLATFORM_STAFF_USER_ROLE.USER_ID).from(PLATFORM_STAFF_USER_ROLE)
                        .where(PLATFORM_STAFF_USER_ROLE.ROLE.eq(StaffRole.ADMIN.name()))))
                .fetch(PLATFORM_STAFF_USER.ID);
    }

    void update(UUID id, String displayName, boolean enabled, Instant at) {
        db.update(PLATFORM_STAFF_USER)
                .set(PLATFORM_STAFF_USER.DISPLAY_NAME, displayName)
                .set(PLATFORM_STAFF_USER.ENABLED, enabled)
                .set(PLATFORM_STAFF_USER.UPDATED_AT, at)
                .where(PLATFORM_STAFF_USER.ID.eq(id))
                .execute();
    }

    void replaceRoles(UUID id, Set<StaffRole> roles) {
        db.deleteFrom(PLATFORM_STAFF_USER_ROLE).where(PLATFORM_STAFF_USER_ROLE.USER_ID.eq(id)).execute();
        insertRoles(id, roles);
    }

    void updatePassword(UUID id, String passwordHash, Instant at) {
        db.update(PLATFORM_STAFF_USER)
                .set(PLATFORM_STAFF_USER.PASSWORD_HASH, passwordHash)
                .set(PLATFORM_STAFF_USER.UPDATED_AT, at)
                .where(PLATFORM_STAFF_USER.ID.eq(id))
                .execute();
    }

    private static List<StaffUserView> users(Result<? extends Record> rows) {
        Map<UUID, Record> byId = new LinkedHashMap<>();
        Map<UUID, Set<StaffRole>> roles = new LinkedHashMap<>();
        for (Record r : rows) {
            UUID id = r.get(PLATFORM_STAFF_USER.ID);
            byId.putIfAbsent(id, r);
            Set<StaffRole> userRoles = roles.computeIfAbsent(id, k -> EnumSet.noneOf(StaffRole.class));
            String role = r.get(PLATFORM_STAFF_USER_ROLE.ROLE);
            if (role != null) {
                userRoles.add(StaffRole.valueOf(role));
            }
        }
        List<StaffUserView> result = new ArrayList<>(byId.size());
        byId.forEach((id, r) -> result.add(new StaffUserView(id, r.get(PLATFORM_STAFF_USER.USERNAME),
                r.get(PLATFORM_STAFF_USER.DISPLAY_NAME), roles.get(id), r.get(PLATFORM_STAFF_USER.ENABLED),
                r.get(PLATFORM_STAFF_USER.CREATED_AT), r.get(PLATFORM_STAFF_USER.UPDATED_AT))));
        return result;
    }
}
