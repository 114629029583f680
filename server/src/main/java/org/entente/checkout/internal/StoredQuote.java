package org.entente.checkout.internal;

import org.entente.checkout.Confirmation;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a quote keeps for its confirm: the basket as priced, the points it spends, the rewards it grants and, once
 * confirmed, the confirmation.
 *
 * @param identifiers normalised, as {@code type:value}
 */
public record StoredQuote(List<String> identifiers, String channel, String store, String currency,
                          List<Pricing.Line> lines, List<BigDecimal> lineDiscounts, BigDecimal total,
                          long rewardPoints, long redeemPoints, List<Pricing.Reward> rewards, long toEarn,
                          Confirmation confirmation) {

    StoredQuote confirmed(Confirmation value) {
        return new StoredQuote(identifiers, channel, store, currency, lines, lineDiscounts, total, rewardPoints,
                redeemPoints, rewards, toEarn, value);
    }
}
