/**
 * Outreach: the customer sets the rhythm. What each person chose about being contacted ({@link
 * org.entente.outreach.Preferences}: channels, topics, how often, quiet hours, a pause, "only when I ask"), the
 * consent ledger ({@link org.entente.outreach.Consent}, append-only, the current state derived from it), the brand's
 * contact policy, the contact gate every outbound message crosses ({@link org.entente.outreach.Decision}), the
 * delivery of messages through it ({@link org.entente.outreach.Message}: SMTP, signed webhooks, a durable queue
 * checked again before sending) and the data rights (export, erasure). Public API: {@link
 * org.entente.outreach.Outreach} and {@link org.entente.outreach.Messages}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Outreach")
package org.entente.outreach;
