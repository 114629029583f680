/**
 * The raw baseline of the data-carrying scenarios: PostgreSQL's COPY of the same rows into a bare table, measured in
 * the same run, so that a throughput is never quoted without the database's own ceiling beside it.
 */
package org.entente.bench.postgres;
