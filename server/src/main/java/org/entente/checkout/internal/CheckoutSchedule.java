package org.entente.checkout.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Duration;

/** Closes expired quotes, and computes the recommendations again (the first time a few seconds after start-up). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CheckoutSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CheckoutSchedule.class);

    private final QuoteService quotes;
    private final Recommendations recommendations;
    private final CheckoutProperties properties;

    CheckoutSchedule(QuoteService quotes, Recommendations recommendations, CheckoutProperties properties) {
        this.quotes = quotes;
        this.recommendations = recommendations;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(() -> {
            try {
                quotes.expire();
            } catch (RuntimeException e) {
                log.warn("Closing expired quotes failed; it runs again in {}", properties.maintenanceInterval(), e);
            }
        }, properties.maintenanceInterval(), properties.maintenanceInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(() -> {
            try {
                recommendations.refresh();
            } catch (RuntimeException e) {
                log.warn("Computing recommendations failed; it runs again in {}",
                        properties.recommendationsInterval(), e);
            }
        }, properties.recommendationsInterval(), Duration.ofSeconds(10)));
    }
}
