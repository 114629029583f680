package org.entente.loyalty;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a person stands in the loyalty program, as a till, an agent or the person reads it: labels and sentences in
 * the reader's language. Fields without a value are null; lists are never null.
 *
 * @param tier     the tier held, null for none
 * @param card     the loyalty card issued, null when none was
 * @param progress what is missing for the next tier; null at the top
 * @param atRisk   set when the tier is no longer met: it is kept until {@code lowersAt}
 * @param lots     the open lots, the ones spent first first
 * @param benefits what the tier gives, unconditionally while it is held
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LoyaltyStatus(UUID personId, int programVersion, boolean programActive, String currency,
                            TierView tier, CardView card, Progress progress, AtRisk atRisk, Points points,
                            List<LotView> lots, List<BenefitView> benefits) {

    public record TierView(String code, String name, Instant since) {
    }

    public record CardView(String number, Instant issuedAt) {
    }

    /**
     * @param tier   the next tier's code
     * @param name   its label
     * @param orders what the order criterion asks (null when the tier has none)
     * @param spend  what the spend criterion asks (null when the tier has none)
     * @param text   the same in words: "2 more orders or 40.00 EUR more within 60 days to become Insider"
     */
    public record Progress(String tier, String name, OrdersNeeded orders, SpendNeeded spend, String text) {
    }

    /**
     * @param countsUntil when the oldest order counted leaves the window (null when none counts): the missing
     *                    orders must come before it for the counted ones to still count
     */
    public record OrdersNeeded(int counted, int required, int missing, int windowDays, Instant countsUntil) {
    }

    public record SpendNeeded(BigDecimal counted, BigDecimal required, BigDecimal missing, int windowDays,
                              Instant countsUntil) {
    }

    /**
     * @param since    when the tier stopped being met
     * @param lowersAt when the review lowers it unless it is met again by then
     * @param to       the tier it would be lowered to (null: none)
     */
    public record AtRisk(Instant since, Instant lowersAt, String to) {
    }

    /**
     * @param balance      the sum of the open lots
     * @param held         set aside for baskets not yet paid
     * @param available    what may be redeemed now: balance less held
     * @param debt         points taken back by returns after they were spent, cleared by the next earnings
     * @param nextExpiry   when the next points expire (null: none do)
     * @param expiringNext how many expire then
     */
    public record Points(long balance, long held, long available, long debt, Instant nextExpiry,
                         long expiringNext) {
    }

    /** @param expiresAt when the lot expires, by age or for want of activity, whichever comes first (null: never) */
    public record LotView(UUID id, Instant earnedAt, Instant expiresAt, long points, long remaining) {
    }

    /**
     * @param description what it gives, in words
     * @param details     the benefit as the program defines it
     */
    public record BenefitView(String kind, String description, Program.Benefit details) {
    }
}
