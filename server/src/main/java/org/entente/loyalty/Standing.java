package org.entente.loyalty;

import java.util.List;

/**
 * What a till needs of a person's loyalty, read in one query: the tier with its benefits in the reader's language,
 * and the points. Lists are never null.
 *
 * @param tier      the tier held, null for none
 * @param balance   the sum of the open lots
 * @param available what may be redeemed or held now: the balance less what running holds set aside
 */
public record Standing(LoyaltyStatus.TierView tier, List<LoyaltyStatus.BenefitView> benefits, long balance,
                       long available) {

    public static final Standing NONE = new Standing(null, List.of(), 0, 0);
}
