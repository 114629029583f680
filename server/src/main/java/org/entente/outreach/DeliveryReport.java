package org.entente.outreach;

import java.time.Instant;

/**
 * What a delivery provider reports about a sent message.
 *
 * @param type {@code delivered}, {@code opened}, {@code clicked} (counts as opened) or {@code bounced}
 * @param at   when it happened (default: now)
 */
public record DeliveryReport(String type, Instant at) {
}
