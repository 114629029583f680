package org.entente.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A believable fictional retail brand, generated from a seed: its product catalog and as many customers as asked.
 *
 * <p>The contract: everything is a pure function of the seed and the reference date. The same seed gives the same
 * catalog and the same customer at each index, on any machine and in any order; different seeds give different
 * brands. Customers are addressed by index and each is derived from (seed, reference date, index) only, so a
 * population of any size can be generated lazily and in parallel. Instances are immutable and thread-safe.
 */
public final class DemoBrand {

    /** The reference date used by {@link #of(long)}: ages are computed on this day. */
    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 1, 1);

    private final long seed;
    private final LocalDate asOf;
    private final List<Product> catalog;

    private DemoBrand(long seed, LocalDate asOf) {
        this.seed = seed;
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.catalog = Catalog.generate(seed);
    }

    /** The brand for this seed, with ages computed on {@link #DEFAULT_AS_OF}. */
    public static DemoBrand of(long seed) {
        return new DemoBrand(seed, DEFAULT_AS_OF);
    }

    /**
     * The brand for this seed, with ages computed on {@code asOf} (a server seeding today's demo passes today, so
     * that its customers stay 18 to 85 years old). The catalog does not depend on {@code asOf}.
     */
    public static DemoBrand of(long seed, LocalDate asOf) {
        return new DemoBrand(seed, asOf);
    }

    public long seed() {
        return seed;
    }

    /** The reference date on which customers are 18 to 85 years old. */
    public LocalDate asOf() {
        return asOf;
    }

    /**
     * The products on sale: about 200, immutable, ordered by SKU, spread over every {@link Category} and about
     * fifteen brands. Names, brands and SKUs are the same for every seed; prices vary with the seed.
     */
    public List<Product> catalog() {
        return catalog;
    }

    /**
     * The customer at this index, derived from (seed, reference date, index) only.
     *
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public DemoCustomer customer(long index) {
        return Customers.generate(seed, asOf, index);
    }

    /**
     * The customers at indexes 0 to {@code count - 1}, in index order, generated lazily. The stream is sequential;
     * call {@link Stream#parallel()} to generate on several cores with the same result.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public Stream<DemoCustomer> customers(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return LongStream.range(0, count).mapToObj(this::customer);
    }
}
