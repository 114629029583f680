/**
 * The Entente benchmark driver: {@code java -jar entente-bench.jar <scenario> [options]}.
 *
 * <p>{@link org.entente.bench.EntenteBench} is the top command; each scenario is a subcommand in its own package
 * ({@code ping}, {@code ingest}, {@code imports} for the {@code import} command, {@code checkout}, {@code gate})
 * sharing {@link org.entente.bench.CommonOptions}, the closed-loop runner in {@code load}, the HTTP access in
 * {@code http}, the generated people and baskets in {@code workload}, the PostgreSQL COPY baseline in {@code postgres}
 * and the table and JSON output in {@code report}. Every scenario measures its raw baseline in the same run, so that its
 * figures are never quoted without one.
 */
package org.entente.bench;
