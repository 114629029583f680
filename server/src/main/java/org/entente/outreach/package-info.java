/**
 * Outreach: the customer sets the rhythm. What each person chose about being contacted ({@link
 * org.entente.outreach.Preferences}: channels, topics, how often, quiet hours, a pause, "only when I ask") and the
 * consent ledger ({@link org.entente.outreach.Consent}, append-only, the current state derived from it), and the
 * contact gate every outbound message crosses ({@link org.entente.outreach.Decision}). Public API:
 * {@link org.entente.outreach.Outreach}.
 * <p>
 * Built so far: preferences, the consent ledger, the brand's contact policy, the gate, export and
 * erasure. Delivery (SMTP, webhooks, the deferred queue) comes next (issue 6).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Outreach")
package org.entente.outreach;
