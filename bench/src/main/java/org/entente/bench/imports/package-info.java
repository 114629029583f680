/**
 * The {@code import} scenario: a transactions CSV uploaded to {@code POST /api/v1/imports} and followed to
 * completion, beside PostgreSQL's COPY of the same rows.
 */
package org.entente.bench.imports;
