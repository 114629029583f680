/**
 * A reusable closed-loop load runner: N clients, each sending its next request as soon as the previous one is
 * answered, until a deadline; latencies are recorded in HdrHistograms at microsecond resolution.
 */
package org.entente.bench.load;
