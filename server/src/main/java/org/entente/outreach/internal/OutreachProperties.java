package org.entente.outreach.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * @param topics   the topics a brand speaks about and a person may choose among
 * @param purposes        the purposes consent may be recorded for
 * @param defaultTimezone the time zone of a person who gave none (with their quiet hours): days, weeks and months of
 *                        their limits are counted in it
 */
@ConfigurationProperties("entente.outreach")
public record OutreachProperties(@DefaultValue({"news", "offers", "tips", "events", "service"}) List<String> topics,
                                 @DefaultValue({"marketing", "profiling", "community"}) List<String> purposes,
                                 @DefaultValue("Europe/Paris") java.time.ZoneId defaultTimezone) {
}
