package org.entente.profile;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A person as every touchpoint sees it: the group of person records merged into one, read as one. Fields without
 * a value are null; lists are never null.
 *
 * @param merged the persons merged into this one, with why and when
 */
public record ProfileView(UUID id, Instant createdAt, Lifecycle lifecycle, List<IdentifierView> identifiers,
                          Attributes attributes, Acquisition acquisition, Statistics statistics,
                          List<MergeView> merged) {

    /** @param personId the person record this identifier came with (differs from the profile id after a merge) */
    public record IdentifierView(IdentifierType type, String value, UUID personId, Instant createdAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Attributes(String firstName, String lastName, String locale, String timezone, LocalDate birthDate,
                             Map<String, Object> address, Map<String, Object> custom) {
    }

    public record Acquisition(FirstTouch firstTouch, FirstPurchase firstPurchase) {
    }

    public record FirstTouch(Instant at, Channel channel, String source, String campaign) {
    }

    public record FirstPurchase(Instant at, Channel channel, String store) {
    }

    public record Statistics(long events, Instant firstSeenAt, Instant lastSeenAt, Instant firstPurchaseAt,
                             Instant lastPurchaseAt, List<Purchases> purchases, List<Interactions> channels) {
    }

    /** Orders and returns in one currency; amounts are decimal strings in JSON. */
    public record Purchases(String currency, long orders, BigDecimal revenue, BigDecimal averageBasket, long returns,
                            BigDecimal returnedAmount) {
    }

    public record Interactions(Channel channel, long events, Instant lastAt) {
    }

    public record MergeView(UUID personId, UUID into, String reason, Identifier identifier, String eventId,
                            Instant mergedAt) {
    }
}
