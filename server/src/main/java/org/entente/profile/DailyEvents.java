package org.entente.profile;

import java.time.LocalDate;

/**
 * How many events happened on one channel on one day.
 *
 * @param day    the day in UTC the events occurred on ({@code occurredAt}, not when they were received)
 * @param events at least 1: days and channels without events are not listed
 */
public record DailyEvents(LocalDate day, Channel channel, long events) {
}
