package org.entente.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** An immutable list of values picked at random in proportion to their weights. */
final class Weighted<T> {

    private final List<T> values;
    private final int[] cumulativeWeights;

    private Weighted(List<T> values, int[] cumulativeWeights) {
        this.values = List.copyOf(values);
        this.cumulativeWeights = cumulativeWeights;
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    T pick(SplittableRandom random) {
        int ticket = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        // The first slot whose cumulative weight exceeds the ticket; weights are positive so sums strictly increase.
        int slot = Arrays.binarySearch(cumulativeWeights, ticket + 1);
        return values.get(slot >= 0 ? slot : -slot - 1);
    }

    static final class Builder<T> {
        private final List<T> values = new ArrayList<>();
        private final List<Integer> weights = new ArrayList<>();

        private Builder() {
        }

        Builder<T> add(T value, int weight) {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive: " + value + " " + weight);
            }
            values.add(value);
            weights.add(weight);
            return this;
        }

        Weighted<T> build() {
            if (values.isEmpty()) {
                throw new IllegalStateException("no values");
            }
            int[] cumulative = new int[weights.size()];
            int sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += weights.get(i);
                cumulative[i] = sum;
            }
            return new Weighted<>(values, cumulative);
        }
    }
}
