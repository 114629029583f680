/**
 * The {@code gate} scenario: the contact gate under a campaign, a million questions in batches from a few senders,
 * and under single decisions from closed-loop clients, for a population the server knows, beside the trivial
 * endpoint {@code GET /api/v1/ping} measured in the same run.
 */
package org.entente.bench.gate;
