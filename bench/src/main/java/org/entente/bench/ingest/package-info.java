/**
 * The {@code ingest} scenario: a deterministic population's events sent in batches to {@code POST /api/v1/events},
 * beside PostgreSQL's COPY of the same rows, then a sample of the resulting profiles checked against what was sent.
 */
package org.entente.bench.ingest;
