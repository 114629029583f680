package org.entente.profile;

import org.entente.platform.Money;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an event means for the profile, already validated by intake. Only the facts the profile keeps are typed here;
 * the event's full properties travel beside them as JSON.
 */
public sealed interface EventFacts {

    /** An order recorded (at a till, on the e-shop, through an import). */
    record Purchase(String orderId, Money total, Optional<String> store) implements EventFacts {
        public Purchase {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(total, "total");
            Objects.requireNonNull(store, "store");
        }
    }

    /** Goods returned, for {@code amount}. */
    record Return(String orderId, Money amount) implements EventFacts {
        public Return {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(amount, "amount");
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

    /** Any other touchpoint: it counts as an interaction on its channel. */
    record Interaction() implements EventFacts {
    }
}
