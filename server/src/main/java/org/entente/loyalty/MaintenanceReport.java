package org.entente.loyalty;

/**
 * What one run of the loyalty maintenance did.
 *
 * @param accountsReviewed accounts whose tier review was due (or made under an older program version)
 */
public record MaintenanceReport(int lotsExpired, long pointsExpired, int holdsReleased, int accountsReviewed,
                                int tiersLowered, int tiersRaised) {
}
