package org.entente.demo;

import java.util.SplittableRandom;

/**
 * Independent random streams, one per kind of generated data, each addressable by (seed, index).
 *
 * <p>Each stream has a fixed salt rather than one derived from its position, so that adding a new kind of data
 * (purchases, interactions) never changes the values of the existing ones for the same seed.
 */
enum RandomStream {
    CATALOG(0x5DEECE66DL),
    CUSTOMERS(0x2545F4914F6CDD1DL);

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long salt;

    RandomStream(long salt) {
        this.salt = salt;
    }

    /** A generator that depends only on (seed, this stream, index), so any index can be generated on its own. */
    SplittableRandom at(long seed, long index) {
        return new SplittableRandom(mix(mix(seed ^ salt) + index * GOLDEN_GAMMA));
    }

    // The SplitMix64 finaliser: neighbouring seeds and indexes must give unrelated generators.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
