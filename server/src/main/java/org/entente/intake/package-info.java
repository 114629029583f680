/**
 * Intake: every way events come in. The native events API, the Segment-compatible API and CSV imports; validation,
 * deduplication and rejections. Valid events are recorded through {@link org.entente.profile.Profiles}; rejected
 * ones are stored with their reason for their sender to see.
 * <p>
 * This module has no public API yet: other modules learn what happened from the profile module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Intake")
package org.entente.intake;
