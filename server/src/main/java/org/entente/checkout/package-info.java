/**
 * Checkout: the moment of purchase. A till, an e-shop basket or a call-center agent asks for a {@link
 * org.entente.checkout.Quote}: who the customer is, what their tier gives, which offers apply to this basket, how
 * many points they may spend and will earn, what to recommend, what of their wish list to mention. Confirming the
 * quote spends what it held and records the purchase through the profile module, as an ingested purchase would be.
 * <p>
 * Public API: {@link org.entente.checkout.Checkout} (quotes) and {@link org.entente.checkout.OfferCatalog} (the
 * typed offer catalog). Checkout follows the profile module's domain events to keep a compact state per person
 * (units bought, wish list) and reverses rewards when their goods are returned.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Checkout")
package org.entente.checkout;
