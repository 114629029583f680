package org.entente.profile.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/**
 * How identities are resolved.
 *
 * @param defaultRegion the region (ISO 3166 alpha-2) of phone numbers written without a country code
 * @param blockedValues values never used to recognise anyone (compared case-insensitively, after trimming)
 * @param limits        how many identifiers of each type one person may have; a merge or an attachment that would
 *                      exceed them is refused and recorded as a conflict
 */
@Validated
@ConfigurationProperties("entente.identity")
public record IdentityProperties(
        @DefaultValue("FR") @Pattern(regexp = "[A-Z]{2}") String defaultRegion,
        @DefaultValue({"null", "undefined", "none", "nil", "n/a", "na", "unknown", "anonymous", "0", "-1",
                "[object object]", "nan", "test", "test@test.com", "test@example.com", "noemail@noemail.com",
                "0000000000", "+33000000000"}) List<String> blockedValues,
        @DefaultValue Limits limits) {

    /** The most identifiers of a type one person may have. */
    public int limit(org.entente.profile.IdentifierType type) {
        return switch (type) {
            case CUSTOMER_ID -> limits.customerId();
            case EMAIL -> limits.email();
            case PHONE -> limits.phone();
            case LOYALTY_CARD -> limits.loyaltyCard();
            case PAYMENT_TOKEN -> limits.paymentToken();
            case ANONYMOUS_ID, DEVICE_ID -> limits.devices();
        };
    }

    public record Limits(
            @DefaultValue("1") @Min(1) @Max(1000) int customerId,
            @DefaultValue("3") @Min(1) @Max(1000) int email,
            @DefaultValue("3") @Min(1) @Max(1000) int phone,
            @DefaultValue("3") @Min(1) @Max(1000) int loyaltyCard,
            @DefaultValue("20") @Min(1) @Max(1000) int paymentToken,
            @DefaultValue("20") @Min(1) @Max(1000) int devices) {
    }
}
