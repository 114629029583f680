package org.entente.checkout.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * @param quoteTtl                      how long a quote, and the points it holds, stays open
 * @param pointsPerUnitOfCurrency       what one unit of currency costs in points when a customer pays with points
 * @param maintenanceInterval           how often expired quotes are closed and their points released
 * @param recommendationsInterval       how often the co-purchase recommendations are computed again
 * @param recommendationsWindow         the persons whose purchases changed within this period teach recommendations
 * @param recommendationsMaxPersons     at most this many of them
 * @param quoteRetention                closed quotes are kept this long after they expired (a confirm replayed
 *                                      within it answers as the first one did)
 */
@ConfigurationProperties("entente.checkout")
public record CheckoutProperties(@DefaultValue("15m") Duration quoteTtl,
                                 @DefaultValue("100") BigDecimal pointsPerUnitOfCurrency,
                                 @DefaultValue("1m") Duration maintenanceInterval,
                                 @DefaultValue("15m") Duration recommendationsInterval,
                                 @DefaultValue("365d") Duration recommendationsWindow,
                                 @DefaultValue("200000") int recommendationsMaxPersons,
                                 @DefaultValue("30d") Duration quoteRetention) {

    public CheckoutProperties {
        if (pointsPerUnitOfCurrency.signum() <= 0) {
            throw new IllegalArgumentException("entente.checkout.points-per-unit-of-currency must be positive: "
                    + pointsPerUnitOfCurrency);
        }
        if (quoteTtl.isNegative() || quoteTtl.isZero()) {
            throw new IllegalArgumentException("entente.checkout.quote-ttl must be positive: " + quoteTtl);
        }
    }
}
