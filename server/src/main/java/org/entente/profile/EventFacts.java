package org.entente.profile;

import org.entente.platform.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an event means for the profile, already validated by intake. Only the facts the profile keeps are typed here;
 * the event's full properties travel beside them as JSON.
 */
public sealed interface EventFacts {

    /**
     * An order recorded (at a till, on the e-shop, through an import).
     *
     * @param items the order lines, when the sender gave them (may be empty; their sum need not equal the total,
     *              which may include delivery or discounts)
     */
    record Purchase(String orderId, Money total, Optional<String> store, List<Item> items) implements EventFacts {
        public Purchase {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(total, "total");
            Objects.requireNonNull(store, "store");
            items = List.copyOf(items);
        }
    }

    /**
     * Goods of order {@code orderId} returned, for {@code amount}; {@code items} are the lines returned, if given.
     *
     * @param returnId the sender's id of the return, the same whatever path brings it (a till, then an import), if
     *                 it gave one
     */
    record Return(String orderId, Money amount, List<Item> items, Optional<String> returnId) implements EventFacts {
        public Return {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(amount, "amount");
            items = List.copyOf(items);
            Objects.requireNonNull(returnId, "returnId");
        }
    }

    /**
     * One line of an order or a return.
     *
     * @param brand    empty when the sender did not say
     * @param category empty when the sender did not say
     */
    record Item(String sku, Optional<String> brand, Optional<String> category, int quantity, Money unitPrice) {
        public Item {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(brand, "brand");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(unitPrice, "unitPrice");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
            }
        }

        /** The line's amount: quantity times unit price. */
        public Money amount() {
            return new Money(unitPrice.amount().multiply(java.math.BigDecimal.valueOf(quantity)), unitPrice.currency());
        }
    }

    /**
     * The person complained. A complaint about an order names it: it counts against that order's satisfaction. A
     * complaint without an order (about a message, say) names none.
     */
    record Complaint(Optional<String> orderId) implements EventFacts {
        public Complaint {
            Objects.requireNonNull(orderId, "orderId");
        }
    }

    /**
     * What the person told about themselves. Absent fields leave what is known unchanged; {@code custom} holds the
     * other traits, kept as attributes.
     */
    record Identify(Optional<String> firstName, Optional<String> lastName, Optional<String> locale,
                    Optional<String> timeZone, Optional<LocalDate> birthDate, Optional<String> addressJson,
                    Map<String, Object> custom) implements EventFacts {
        public Identify {
            custom = Map.copyOf(custom);
        }
    }

    /**
     * The person put a product on their wish list ({@code added}) or took it off. It counts as an interaction on its
     * channel.
     *
     * @param name the product's name, when the sender gave it
     */
    record Wishlist(String sku, Optional<String> name, boolean added) implements EventFacts {
        public Wishlist {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The person asked to hear no more: about {@code topic} only when they named one, otherwise about anything
     * marketing on {@code contactChannel}. It counts as an interaction on its channel.
     *
     * @param contactChannel the channel they unsubscribed from ({@code email}, {@code sms}...), when the sender said
     */
    record Unsubscribe(Optional<String> contactChannel, Optional<String> topic) implements EventFacts {
        public Unsubscribe {
            Objects.requireNonNull(contactChannel, "contactChannel");
            Objects.requireNonNull(topic, "topic");
        }
    }

    /** Any other touchpoint: it counts as an interaction on its channel. */
    record Interaction() implements EventFacts {
    }
}
