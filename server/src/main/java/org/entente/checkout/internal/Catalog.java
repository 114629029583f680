package org.entente.checkout.internal;

import org.entente.checkout.Offer;
import org.entente.profile.Channel;

import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The offer catalog compiled once: each offer with its item predicate, its channels as a set and its currency, in the
 * order they are resolved (priority, highest first, then id as text). Immutable.
 *
 * @param needsProfile whether some personal offer asks for the lifecycle or the birthday, which only the profile knows
 */
public record Catalog(List<Compiled> offers, boolean needsProfile) {

    public static final Catalog EMPTY = new Catalog(List.of(), false);

    public static Catalog of(List<Offer> offers) {
        List<Compiled> compiled = offers.stream().map(Compiled::new)
                .sorted(Comparator.comparing((Compiled c) -> -c.offer().priority())
                        .thenComparing(c -> c.offer().id().toString()))
                .toList();
        boolean needsProfile = offers.stream().anyMatch(o -> o instanceof Offer.PersonalOffer p
                && (p.conditions().lifecycles() != null || p.conditions().birthdayMonth() != null));
        return new Catalog(compiled, needsProfile);
    }

    /** One offer, compiled. */
    public static final class Compiled {
        private final Offer offer;
        private final Predicate<Pricing.Line> items;
        private final MatchKey counted;
        private final Set<Channel> channels;
        private final Currency currency;

        Compiled(Offer offer) {
            this.offer = offer;
            Offer.Match match = switch (offer) {
                case Offer.NthPurchase o -> o.match();
                case Offer.BasketOffer o -> o.match();
                case Offer.PersonalOffer o -> o.match();
                case Offer.MemberPrice o -> null;
            };
            this.items = match == null ? line -> true : predicate(match);
            this.counted = offer instanceof Offer.NthPurchase o ? MatchKey.of(o.match()) : null;
            this.channels = offer.channels().stream().map(c -> Channel.fromCode(c).orElseThrow())
                    .collect(Collectors.toUnmodifiableSet());
            this.currency = Currency.getInstance(offer.currency());
        }

        public Offer offer() {
            return offer;
        }

        boolean matches(Pricing.Line line) {
            return items.test(line);
        }

        MatchKey counted() {
            return counted;
        }

        boolean appliesAt(Instant now, Channel channel, Currency quoteCurrency) {
            return (offer.validFrom() == null || !now.isBefore(offer.validFrom()))
                    && (offer.validUntil() == null || now.isBefore(offer.validUntil()))
                    && (channels.isEmpty() || channels.contains(channel))
                    // A member price is a percentage: it applies in any currency.
                    && (offer instanceof Offer.MemberPrice || currency.equals(quoteCurrency));
        }

        private static Predicate<Pricing.Line> predicate(Offer.Match match) {
            Predicate<Pricing.Line> p = line -> true;
            if (match.sku() != null) {
                String sku = match.sku().strip();
                p = p.and(line -> line.sku().equals(sku));
            }
            if (match.brand() != null) {
                String brand = match.brand().strip().toLowerCase(Locale.ROOT);
                p = p.and(line -> brand.equals(line.brandKey()));
            }
            if (match.category() != null) {
                String category = match.category().strip().toLowerCase(Locale.ROOT);
                p = p.and(line -> category.equals(line.categoryKey()));
            }
            return p;
        }
    }
}
