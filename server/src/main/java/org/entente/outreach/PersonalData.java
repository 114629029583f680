package org.entente.outreach;

import org.entente.loyalty.LedgerEntry;
import org.entente.loyalty.LoyaltyStatus;
import org.entente.profile.ProfileView;
import org.entente.profile.TimelineEntry;

import java.time.Instant;
import java.util.List;

/**
 * Everything Entente holds on a person, as one document (the right of access and to data portability): the profile
 * with its identifiers and the persons merged into it, every event, the loyalty standing and ledger, the
 * preferences and their changes, the consent ledger, every verdict of the contact gate and every message sent (or
 * not) to them.
 *
 * @param events newest first, merged persons' included
 */
public record PersonalData(Instant exportedAt, ProfileView profile, List<TimelineEntry> events,
                           LoyaltyStatus loyalty, List<LedgerEntry> ledger, Preferences preferences,
                           List<PreferenceChange> preferenceChanges, List<Consent> consents,
                           List<Decision> decisions, List<Message> messages) {
}
