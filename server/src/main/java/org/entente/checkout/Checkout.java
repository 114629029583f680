package org.entente.checkout;

import org.entente.checkout.internal.QuoteService;
import org.entente.checkout.internal.Recommendations;
import org.entente.platform.ProblemException;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The checkout module's entry point: quotes at the moment of purchase.
 * <p>
 * A quote never gives the same points or the same reward twice: the points it spends are held in the loyalty ledger
 * until it is confirmed, cancelled or expires, so two tills cannot spend them both; confirming is idempotent on the
 * order id.
 */
@Service
public class Checkout {

    private final QuoteService quotes;
    private final Recommendations recommendations;

    Checkout(QuoteService quotes, Recommendations recommendations) {
        this.quotes = quotes;
        this.recommendations = recommendations;
    }

    /**
     * Recognises the customer by the first identifier known (card, customer id, payment token, email, phone...),
     * prices the basket, holds the points it spends and keeps the quote open for {@code entente.checkout.quote-ttl}.
     * An unknown or anonymous customer gets the offers open to anybody.
     *
     * @throws ProblemException.BadRequest with every fault of the request, field by field
     */
    public Quote quote(QuoteRequest request, Locale locale) {
        return quotes.quote(request, locale);
    }

    /**
     * What the person wished for (from {@code wishlist_add}/{@code wishlist_remove} events), newest first, in words.
     * Empty for a person checkout knows nothing of.
     */
    public List<Quote.WishlistItem> wishlist(UUID personId, Locale locale) {
        return quotes.wishlist(personId, locale);
    }

    /**
     * Spends what the quote held, grants its rewards and records its purchase, as an ingested {@code purchase} event
     * with the same lines and the total paid (so the profile, its statistics and loyalty see it once). Idempotent on
     * the order id: the same confirm again answers the first one ({@link Confirmation#replayed()}).
     *
     * @param eventId the purchase event's id (null: {@code checkout:<orderId>}); a till that will also upload its
     *                journal gives the id it will use there, so that the purchase is recorded once
     * @throws ProblemException.NotFound when there is no such quote
     * @throws ProblemException.Conflict {@code quote_expired}, {@code quote_cancelled}, {@code quote_confirmed} (for
     *                                   another order), {@code order_confirmed} (by another quote),
     *                                   {@code insufficient_points} (the points held expired meanwhile)
     */
    public Confirmation confirm(UUID quoteId, String orderId, String eventId) {
        return quotes.confirm(quoteId, orderId, eventId);
    }

    /**
     * Releases what an open quote holds. Answers the quote's state: {@code cancelled}, or {@code expired} when it had
     * expired already.
     *
     * @throws ProblemException.Conflict {@code quote_confirmed} when it was confirmed
     */
    public String cancel(UUID quoteId) {
        return quotes.cancel(quoteId);
    }

    /**
     * Closes the quotes past their expiry (releasing their points) and computes the recommendations again: what runs
     * on a schedule ({@code entente.checkout.maintenance-interval}, {@code entente.checkout.recommendations-interval}).
     */
    public MaintenanceReport runMaintenance() {
        int expired = quotes.expire();
        int persons = recommendations.refresh();
        return new MaintenanceReport(expired, persons);
    }

    /**
     * @param quotesExpired            open quotes closed because they expired
     * @param recommendationsLearnedFrom persons whose purchases the recommendations were computed from
     */
    public record MaintenanceReport(int quotesExpired, int recommendationsLearnedFrom) {
    }
}
