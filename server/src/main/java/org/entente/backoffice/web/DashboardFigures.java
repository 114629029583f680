package org.entente.backoffice.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.entente.loyalty.Loyalty;
import org.entente.loyalty.TierDistribution;
import org.entente.outreach.GateVerdicts;
import org.entente.outreach.Outreach;
import org.entente.profile.DailyEvents;
import org.entente.profile.LifecycleCount;
import org.entente.profile.Profiles;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * The figures of the home dashboard, counted over the last {@value DashboardPages#DAYS} UTC days. Counting a month of
 * events, persons and verdicts reads millions of rows on a large database (seconds), so the figures are kept and
 * counted again in the background once they are older than {@code entente.backoffice.dashboard-refresh}: the page
 * shows the previous figures, with the time they were counted, meanwhile. Only the first page in a language after a
 * start waits for the count.
 */
@Component
class DashboardFigures {

    /** Figures counted at {@code countedAt}, for the days from {@code from} to {@code to} included. */
    record Figures(LocalDate from, LocalDate to, Instant countedAt, List<DailyEvents> events,
                   List<LifecycleCount> persons, TierDistribution tiers, GateVerdicts verdicts) {
    }

    private final Profiles profiles;
    private final Loyalty loyalty;
    private final Outreach outreach;
    private final Clock clock;
    /** By language (the tiers' names): the days are those of when the figures were counted. */
    private final LoadingCache<Locale, Figures> counted;

    DashboardFigures(Profiles profiles, Loyalty loyalty, Outreach outreach, Clock clock,
                     BackOfficeProperties properties) {
        this.profiles = profiles;
        this.loyalty = loyalty;
        this.outreach = outreach;
        this.clock = clock;
        this.counted = Caffeine.newBuilder()
                .maximumSize(8)
                .refreshAfterWrite(properties.dashboardRefresh())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build(this::count);
    }

    /**
     * The figures in this language as last counted, counted again in the background when old (also when a new day
     * begins: the previous days are shown until then).
     */
    Figures recent(Locale locale) {
        return counted.get(Locale.forLanguageTag(locale.getLanguage()));
    }

    private Figures count(Locale locale) {
        LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = to.minusDays(DashboardPages.DAYS - 1);
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Figures(from, to, clock.instant(), profiles.eventsPerDay(from, to), profiles.newPersons(start, end),
                loyalty.tierDistribution(locale), outreach.verdicts(start, end));
    }
}
