package org.entente.outreach.internal;

import org.entente.outreach.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Looks at the message queue every {@code entente.outreach.delivery.dispatch-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DeliverySchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DeliverySchedule.class);

    private final Messages messages;
    private final DeliveryProperties properties;

    DeliverySchedule(Messages messages, DeliveryProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(() -> {
            try {
                messages.dispatchDue();
            } catch (RuntimeException e) {
                log.warn("Sending due messages failed; it runs again in {}", properties.dispatchInterval(), e);
            }
        }, properties.dispatchInterval(), properties.dispatchInterval()));
    }
}
