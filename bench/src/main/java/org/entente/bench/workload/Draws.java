package org.entente.bench.workload;

import java.util.SplittableRandom;

/**
 * Independent random streams addressable by (seed, salt, index), so that any event, person or order can be
 * generated on its own, in any order and on any thread, with the same result. Each kind of generated data uses its
 * own fixed salt, so that adding one never changes the others.
 */
public final class Draws {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Draws() {
    }

    /** A generator that depends only on (seed, salt, index). */
    public static SplittableRandom at(long seed, long salt, long index) {
        return new SplittableRandom(mix(mix(seed ^ salt) + index * GOLDEN_GAMMA));
    }

    // The SplitMix64 finaliser: neighbouring seeds and indexes must give unrelated generators.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
