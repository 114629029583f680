/**
 * The {@code checkout} scenario: quotes at the till and their confirmations (or, for a share of them, their
 * cancellation or abandonment), for a population with purchase histories and with a contextual offer in force, in
 * steps of more and more clients, timed by the client and by the server's own {@code Server-Timing}, beside the
 * trivial endpoint {@code GET /api/v1/ping} measured in the same run.
 */
package org.entente.bench.checkout;
