package org.entente.platform.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.entente.platform.Actor;
import org.entente.platform.AuditLog;
import org.entente.platform.CursorPage;
import org.entente.platform.Cursors;
import org.entente.platform.security.CurrentActor;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.entente.platform.db.Tables.PLATFORM_AUDIT_EVENT;
import static org.jooq.impl.DSL.noCondition;

/** The audit log in table {@code platform_audit_event}: insert and select only. */
@Service
class JooqAuditLog implements AuditLog, AuditTrail {

    private static final int MAX_DETAILS = 4000;

    private final DSLContext db;
    private final Clock clock;
    private final JsonMapper json;

    JooqAuditLog(DSLContext db, Clock clock, JsonMapper json) {
        this.db = db;
        this.clock = clock;
        this.json = json;
    }

    @Override
    @Transactional
    public void record(String action, String target, Map<String, ?> details) {
        record(CurrentActor.get(), action, target, details);
    }

    @Override
    @Transactional
    public void record(Actor actor, String action, String target, Map<String, ?> details) {
        String detailsJson = details.isEmpty() ? null : json.writeValueAsString(details);
        if (detailsJson != null && detailsJson.length() > MAX_DETAILS) {
            // Re-encoding can escape every character of the kept part into six, so keep a sixth and cut again.
            String kept = json.writeValueAsString(Map.of("truncated", detailsJson.substring(0, MAX_DETAILS / 6 - 20)));
            detailsJson = kept.length() <= MAX_DETAILS ? kept : "{\"truncated\":true}";
        }
        db.insertInto(PLATFORM_AUDIT_EVENT)
                .set(PLATFORM_AUDIT_EVENT.OCCURRED_AT, clock.instant())
                .set(PLATFORM_AUDIT_EVENT.ACTOR_TYPE, actor.type().name())
                .set(PLATFORM_AUDIT_EVENT.ACTOR, truncate(actor.name(), 200))
                .set(PLATFORM_AUDIT_EVENT.ACTION, action)
                .set(PLATFORM_AUDIT_EVENT.TARGET, target == null ? null : truncate(target, 200))
                .set(PLATFORM_AUDIT_EVENT.DETAILS, detailsJson)
                .set(PLATFORM_AUDIT_EVENT.REMOTE_ADDRESS, remoteAddress())
                .execute();
    }

    @Override
    @Transactional(readOnly = true)
    public CursorPage<AuditEntry> find(AuditQuery query, String cursor, int limit) {
        Condition where = noCondition();
        if (cursor != null) {
            try {
                where = where.and(PLATFORM_AUDIT_EVENT.ID.lt(Long.parseLong(Cursors.decode(cursor, 1).getFirst())));
            } catch (NumberFormatException e) {
                throw Cursors.invalid();
            }
        }
        if (query.action() != null) {
            where = where.and(PLATFORM_AUDIT_EVENT.ACTION.eq(query.action()));
        }
        if (query.actor() != null) {
            where = where.and(PLATFORM_AUDIT_EVENT.ACTOR.eq(query.actor()));
        }
        if (query.target() != null) {
            where = where.and(PLATFORM_AUDIT_EVENT.TARGET.eq(query.target()));
        }
        if (query.from() != null) {
            where = where.and(PLATFORM_AUDIT_EVENT.OCCURRED_AT.ge(query.from()));
        }
        if (query.to() != null) {
            where = where.and(PLATFORM_AUDIT_EVENT.OCCURRED_AT.lt(query.to()));
        }
        List<AuditEntry> rows = db.selectFrom(PLATFORM_AUDIT_EVENT)
                .where(where)
                .orderBy(PLATFORM_AUDIT_EVENT.ID.desc())
                .limit(limit + 1)
                .fetch(r -> new AuditEntry(r.getId(), r.getOccurredAt(), Actor.Type.valueOf(r.getActorType()), r.getActor(),
                        r.getAction(), r.getTarget(), r.getDetails(), r.getRemoteAddress()));
        return CursorPage.of(rows, limit, entry -> Cursors.encode(Long.toString(entry.id())));
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return truncate(request.getRemoteAddr(), 64);
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

}
