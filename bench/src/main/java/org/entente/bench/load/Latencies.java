package org.entente.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Response-time percentiles of a measurement, in milliseconds, at microsecond resolution; all zero when nothing
 * was answered.
 *
 * @param p50Ms  median
 * @param p90Ms  90th percentile
 * @param p99Ms  99th percentile
 * @param p999Ms 99.9th percentile
 * @param maxMs  slowest response
 */
public record Latencies(double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs) {

    private static final double MICROS_PER_MILLI = 1_000.0;

    /** Reads the percentiles of a histogram of microseconds. */
    public static Latencies fromMicros(Histogram micros) {
        return new Latencies(
                micros.getValueAtPercentile(50) / MICROS_PER_MILLI,
                micros.getValueAtPercentile(90) / MICROS_PER_MILLI,
                micros.getValueAtPercentile(99) / MICROS_PER_MILLI,
                micros.getValueAtPercentile(99.9) / MICROS_PER_MILLI,
                micros.getMaxValue() / MICROS_PER_MILLI);
    }
}
