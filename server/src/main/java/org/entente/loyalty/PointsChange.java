package org.entente.loyalty;

/**
 * What a redemption, a capture or an adjustment did, and where the person's points stand after it.
 *
 * @param replayed true when the same request had already been carried out: nothing changed this time
 */
public record PointsChange(LedgerEntry entry, long balance, long available, boolean replayed) {
}
