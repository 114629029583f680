package org.entente.loyalty;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * One entry of a person's points ledger. Entries are never changed; each is unique on its kind and source, so that
 * replaying what caused it records nothing new.
 *
 * @param points     the effect on the balance (an earning is positive, a redemption negative)
 * @param held       the effect on the points set aside (a hold is positive, its release or capture negative)
 * @param remaining  for an entry that added points, what is left of them (they live in the entry's lot); null
 *                   otherwise
 * @param expiresAt  for an entry that added points, when its lot expires by age (null: never, or no lot)
 * @param source     what caused it: {@code order:<orderId>}, {@code event:<eventId>}, {@code return:<eventId>},
 *                   {@code lot:<lotId>}, {@code adjustment:<reference>}, {@code hold:<holdId>},
 *                   {@code refund:<reference>} (points paid for goods that were returned, given back)...
 * @param rule       what earned it ({@code purchase}, or the event type of a bonus); null for other kinds
 * @param occurredAt when what caused it happened (an order's time, for instance)
 * @param recordedAt when the entry was written
 * @param actor      who caused it: the system, an API key, a staff user
 * @param reason     the reason a staff user gave, for adjustments; may be null
 * @param details    a JSON object: the lots taken and how many points each gave, debt repaid, shortfall...
 */
public record LedgerEntry(UUID id, UUID personId, Kind kind, long points, long held, Long remaining,
                          Instant expiresAt, String source, String rule, Instant occurredAt, Instant recordedAt, String actor, String reason,
                          @JsonRawValue String details) {

    /** What kind of change an entry records. */
    public enum Kind {
        EARN, REDEEM, HOLD, RELEASE, EXPIRE, REVERSE, ADJUST, REFUND;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }
}
