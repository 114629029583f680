package org.entente.loyalty;

import java.util.List;

/**
 * How many members hold each tier, and how many hold none yet.
 *
 * @param tiers       the program's tiers, lowest first, then tiers of a former version still held
 * @param withoutTier members (persons with a loyalty account) holding no tier
 */
public record TierDistribution(List<TierCount> tiers, long withoutTier) {

    public TierDistribution {
        tiers = List.copyOf(tiers);
    }

    /**
     * @param code    the tier's code
     * @param name    its name in the reader's language (the code for a tier the program no longer has)
     * @param members how many members hold it now
     */
    public record TierCount(String code, String name, long members) {
    }
}
