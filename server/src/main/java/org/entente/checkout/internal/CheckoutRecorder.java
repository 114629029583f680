package org.entente.checkout.internal;

import org.entente.loyalty.Loyalty;
import org.entente.platform.BeforeCommit;
import org.entente.profile.EventFacts;
import org.entente.profile.EventRecorded;
import org.entente.profile.PersonsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Follows what the profile module records, inside its transaction, and keeps each person's {@link CustomerState}:
 * units bought per SKU, brand and category, the wish list; a return takes its units back and reverses the
 * nth-purchase rewards of the returned units (giving back the points that paid for them). Once per transaction, just
 * before the commit: the persons concerned are locked in id order, their states changed in memory and written back
 * with one batched statement. If this fails, the transaction fails with it.
 */
@Component
class CheckoutRecorder {

    private final CheckoutStore store;
    private final Loyalty loyalty;
    private final Clock clock;

    CheckoutRecorder(CheckoutStore store, Loyalty loyalty, Clock clock) {
        this.store = store;
        this.loyalty = loyalty;
        this.clock = clock;
    }

    @EventListener
    void on(EventRecorded event) {
        boolean concerns = switch (event.facts()) {
            case EventFacts.Purchase purchase -> !purchase.items().isEmpty();
            case EventFacts.Return returned -> !returned.items().isEmpty();
            case EventFacts.Wishlist wish -> true;
            default -> false;
        };
        if (concerns) {
            collect(event);
        }
    }

    @EventListener
    void on(PersonsMerged event) {
        collect(event);
    }

    /** Rewards granted by an order confirmed in the current transaction: they count in the person's state. */
    record Granted(UUID personId, List<Pricing.Reward> rewards) {
    }

    void granted(UUID person, List<Pricing.Reward> rewards) {
        if (!rewards.isEmpty()) {
            collect(new Granted(person, rewards));
        }
    }

    private void collect(Object item) {
        BeforeCommit.collect(this, item, this::record);
    }

    private void record(List<Object> events) {
        Set<UUID> persons = new TreeSet<>();
        for (Object event : events) {
            switch (event) {
                case EventRecorded recorded -> persons.add(recorded.personId());
                case Granted granted -> persons.add(granted.personId());
                case PersonsMerged merged -> {
                    persons.add(merged.survivorId());
                    persons.add(merged.mergedId());
                }
                default -> throw new IllegalStateException("unexpected " + event);
            }
        }
        Map<UUID, CustomerState> states = store.lock(persons);
        Set<UUID> created = new HashSet<>();
        Set<UUID> gone = new HashSet<>();
        Instant now = clock.instant();
        for (Object event : events) {
            switch (event) {
                case EventRecorded recorded -> {
                    UUID person = recorded.personId();
                    CustomerState state = states.get(person);
                    if (state == null) {
                        state = CustomerState.empty();
                        created.add(person);
                    }
                    states.put(person, apply(state, recorded, now));
                }
                case Granted granted -> {
                    CustomerState state = states.get(granted.personId());
                    if (state == null) {
                        state = CustomerState.empty();
                        created.add(granted.personId());
                        states.put(granted.personId(), state);
                    }
                    for (Pricing.Reward reward : granted.rewards()) {
                        state.reward(reward.offerId(), reward.units());
                    }
                }
                case PersonsMerged merged -> {
                    CustomerState from = states.remove(merged.mergedId());
                    if (from != null) {
                        if (!created.remove(merged.mergedId())) {
                            gone.add(merged.mergedId());
                        }
                        CustomerState into = states.get(merged.survivorId());
                        if (into == null) {
                            created.add(merged.survivorId());
                            into = CustomerState.empty();
                        }
                        states.put(merged.survivorId(), into.plus(from));
                    }
                }
                default -> throw new IllegalStateException("unexpected " + event);
            }
        }
        store.delete(gone);
        store.write(states, created, now);
    }

    private CustomerState apply(CustomerState state, EventRecorded event, Instant now) {
        return switch (event.facts()) {
            case EventFacts.Purchase purchase -> state.purchased(purchase, event.occurredAt());
            case EventFacts.Return returned -> {
                String key = returned.returnId().map(id -> "return:" + id).orElse("event:" + event.eventId());
                if (!store.firstTime(key, returned.orderId(), now)) {
                    yield state;
                }
                reverseRewards(state, returned, key);
                yield state.returned(returned);
            }
            case EventFacts.Wishlist wish -> {
                state.wish(wish, event.occurredAt());
                yield state;
            }
            default -> state;
        };
    }

    /**
     * The returned units of a rewarded line count as the rewarded ones first: the reward is reversed, and the points
     * that paid for it are given back.
     */
    private void reverseRewards(CustomerState state, EventFacts.Return returned, String returnKey) {
        // A till may list the same SKU on several lines: they are one quantity returned.
        Map<String, Integer> quantities = new java.util.LinkedHashMap<>();
        returned.items().forEach(item -> quantities.merge(item.sku(), item.quantity(), Integer::sum));
        List<CheckoutStore.Reward> rewards = store.lockRewards(returned.orderId());
        for (CheckoutStore.Reward reward : rewards) {
            int units = quantities.getOrDefault(reward.sku(), 0);
            int reversed = Math.min(units, reward.units() - reward.returned());
            if (reversed <= 0) {
                continue;
            }
            quantities.put(reward.sku(), units - reversed);
            store.setReturned(reward, reward.returned() + reversed);
            state.reward(reward.offerId(), -reversed);
            // The points of the units reversed so far, less those given back before: no rounding drifts.
            long before = reward.points() * reward.returned() / reward.units();
            long after = reward.points() * (reward.returned() + reversed) / reward.units();
            if (after > before) {
                // Order ids and SKUs may be long: the reference is a name-based UUID of what it refunds.
                String reference = UUID.nameUUIDFromBytes((returnKey + "\n" + reward.orderId() + "\n"
                        + reward.offerId() + "\n" + reward.sku()).getBytes(StandardCharsets.UTF_8)).toString();
                String reason = "reward returned: order " + reward.orderId() + ", " + reversed + " x "
                        + reward.sku();
                loyalty.refund(reward.personId(), after - before, reference,
                        reason.length() > 500 ? reason.substring(0, 500) : reason);
            }
        }
    }
}
