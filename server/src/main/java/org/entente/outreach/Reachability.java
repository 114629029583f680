package org.entente.outreach;

import java.time.Instant;
import java.util.List;

/**
 * Whether a marketing message could reach a person now on a channel, and if not, why: the gate's answer, nothing
 * reserved.
 *
 * @param reasons    the gate's reason codes (empty when it would go)
 * @param deferUntil for a {@code defer}: from when it could go
 */
public record Reachability(ContactChannel channel, Decision.Verdict verdict, List<String> reasons,
                           Instant deferUntil) {
}
