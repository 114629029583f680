package org.entente.portal.internal;

import org.entente.platform.Hashes;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import static org.entente.portal.db.Tables.PORTAL_SIGN_IN_LINK;

/**
 * Single-use sign-in links: a random token of 256 bits goes in the link, only its SHA-256 is kept. A token signs in
 * once, within its validity, and at most {@link #MAX_PER_HOUR} are issued per person and hour.
 */
@Component
public class SignInLinks {

    public static final Duration VALIDITY = Duration.ofMinutes(15);
    public static final int MAX_PER_HOUR = 5;

    private final DSLContext db;
    private final SecureRandom random = new SecureRandom();

    SignInLinks(DSLContext db) {
        this.db = db;
    }

    /** A new token for the person, or empty when they asked for too many within the hour. In the caller's transaction. */
    public Optional<String> issue(UUID person, Instant now) {
        int recent = db.fetchCount(PORTAL_SIGN_IN_LINK, PORTAL_SIGN_IN_LINK.PERSON_ID.eq(person)
                .and(PORTAL_SIGN_IN_LINK.CREATED_AT.gt(now.minus(Duration.ofHours(1)))));
        if (recent >= MAX_PER_HOUR) {
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        db.insertInto(PORTAL_SIGN_IN_LINK)
                .set(PORTAL_SIGN_IN_LINK.TOKEN_HASH, Hashes.sha256(token))
                .set(PORTAL_SIGN_IN_LINK.PERSON_ID, person)
                .set(PORTAL_SIGN_IN_LINK.CREATED_AT, now)
                .set(PORTAL_SIGN_IN_LINK.EXPIRES_AT, now.plus(VALIDITY))
                .execute();
        return Optional.of(token);
    }

    /** Whether the token may still sign in (known, unused, not expired). It stays usable. */
    public boolean usable(String token, Instant now) {
        return wellFormed(token) && db.fetchExists(PORTAL_SIGN_IN_LINK,
                PORTAL_SIGN_IN_LINK.TOKEN_HASH.eq(Hashes.sha256(token)).and(PORTAL_SIGN_IN_LINK.USED_AT.isNull())
                        .and(PORTAL_SIGN_IN_LINK.EXPIRES_AT.gt(now)));
    }

    /** Uses the token up: the person it signs in, or empty when it is unknown, used or expired. Atomic. */
    public Optional<UUID> use(String token, Instant now) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        String hash = Hashes.sha256(token);
        int used = db.update(PORTAL_SIGN_IN_LINK).set(PORTAL_SIGN_IN_LINK.USED_AT, now)
                .where(PORTAL_SIGN_IN_LINK.TOKEN_HASH.eq(hash)).and(PORTAL_SIGN_IN_LINK.USED_AT.isNull())
                .and(PORTAL_SIGN_IN_LINK.EXPIRES_AT.gt(now)).execute();
        if (used != 1) {
            return Optional.empty();
        }
        return db.select(PORTAL_SIGN_IN_LINK.PERSON_ID).from(PORTAL_SIGN_IN_LINK)
                .where(PORTAL_SIGN_IN_LINK.TOKEN_HASH.eq(hash)).fetchOptional(PORTAL_SIGN_IN_LINK.PERSON_ID);
    }

    private static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{43}");
    }
}
