/**
 * Loyalty: status recognised from real behaviour, unconditional benefits, and an exact points ledger.
 * <p>
 * The program ({@link org.entente.loyalty.Program}) is typed data compiled once per version: tiers qualified over
 * rolling windows (satisfied orders, spend), benefits per tier, earning rules, points expiry and card issue. Loyalty
 * follows what the profile module records ({@link org.entente.profile.EventRecorded},
 * {@link org.entente.profile.PersonsMerged}) inside the same transaction, so an acknowledged purchase has earned its
 * points and, if it qualifies, its tier. Points live in lots with an expiry; every change is an entry of an
 * append-only ledger, idempotent on its kind and source.
 * <p>
 * The public API is the types of this package: {@link org.entente.loyalty.Loyalty} reads a person's standing and
 * ledger, redeems, holds and adjusts points, and manages the program; {@link org.entente.loyalty.TierEarned} and
 * {@link org.entente.loyalty.TierLost} are its domain events. Everything in sub-packages is internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Loyalty")
package org.entente.loyalty;
