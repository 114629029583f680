/**
 * Profile: one live profile per person. Persons, their identifiers and identity resolution (merge, unmerge, blocked
 * values, per-type limits), attributes, lifecycle, acquisition, statistics kept incrementally, and the timeline of
 * every event.
 * <p>
 * The public API is the types of this package: {@link org.entente.profile.Profiles} records events and reads
 * profiles, {@link org.entente.profile.IdentifierNormaliser} turns what a system sends into an
 * {@link org.entente.profile.Identifier}. Everything in sub-packages is internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Profile")
package org.entente.profile;
