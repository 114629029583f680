package org.entente.loyalty.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.context.annotation.Configuration;

/**
 * Runs {@link Maintenance} every {@code entente.loyalty.maintenance-interval}, the first time one interval after
 * start-up. Several nodes may run it at once: each account is changed under its lock, and what one did the other
 * finds done.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MaintenanceSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceSchedule.class);

    private final Maintenance maintenance;
    private final LoyaltyProperties properties;

    MaintenanceSchedule(Maintenance maintenance, LoyaltyProperties properties) {
        this.maintenance = maintenance;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new org.springframework.scheduling.config.FixedDelayTask(() -> {
            try {
                maintenance.run();
            } catch (RuntimeException e) {
                log.warn("Loyalty maintenance failed; it runs again in {}", properties.maintenanceInterval(), e);
            }
        }, properties.maintenanceInterval(), properties.maintenanceInterval()));
    }
}
