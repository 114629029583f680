package org.entente.checkout.internal;

import org.entente.checkout.Confirmation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a quote keeps for its confirm: the basket as priced, the points it spends, the rewards it grants and, once
 * confirmed, the confirmation.
 *
 * @param identifiers normalised, as {@code type:value}
 * @param rewarded    per offer with a reward in the quote, the units the person had been rewarded when it was given:
 *                    the confirm refuses the quote if another order was rewarded meanwhile
 */
public record StoredQuote(List<String> identifiers, String channel, String store, String currency,
                          List<Pricing.Line> lines, List<BigDecimal> lineDiscounts, BigDecimal total,
                          List<Pricing.Reward> rewards, Map<UUID, Long> rewarded, long toEarn,
                          Confirmation confirmation) {

    StoredQuote confirmed(Confirmation value) {
        return new StoredQuote(identifiers, channel, store, currency, lines, lineDiscounts, total, rewards, rewarded,
                toEarn, value);
    }
}
