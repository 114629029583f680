package org.entente.backoffice.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param dashboardRefresh how old the home dashboard's figures may be before they are counted again, in the
 *                         background, while the page shows the previous ones (they count a month of events, persons
 *                         and verdicts, which takes seconds on a large database)
 */
@ConfigurationProperties("entente.backoffice")
record BackOfficeProperties(@DefaultValue("5m") Duration dashboardRefresh) {

    BackOfficeProperties {
        if (dashboardRefresh.isNegative() || dashboardRefresh.isZero()) {
            throw new IllegalArgumentException("entente.backoffice.dashboard-refresh must be positive");
        }
    }
}
