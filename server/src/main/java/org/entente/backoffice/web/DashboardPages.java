package org.entente.backoffice.web;

import org.entente.loyalty.TierDistribution;
import org.entente.outreach.GateVerdicts;
import org.entente.platform.StaffRole;
import org.entente.profile.Channel;
import org.entente.profile.DailyEvents;
import org.entente.profile.LifecycleCount;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The home page: who is signed in, whether the system is well, and for the staff who steer the relationship
 * (administrators, marketers, agents) how the last 30 days went, as charts drawn on the server. Store staff, who work
 * at the till, see the home without them.
 */
@Controller
class DashboardPages {

    static final int DAYS = 30;
    private static final DateTimeFormatter COUNTED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(java.time.ZoneOffset.UTC);
    private static final int DENIED_COLOUR = 5;
    private static final int DEFERRED_COLOUR = 1;

    private final DashboardFigures figures;
    private final MessageSource messages;

    DashboardPages(DashboardFigures figures, MessageSource messages) {
        this.figures = figures;
        this.messages = messages;
    }

    @GetMapping("/")
    String home(Authentication user, Locale locale, Model model) {
        StaffAccess.require(user, StaffRole.values());
        model.addAttribute("username", user.getName());
        boolean charts = StaffAccess.holds(user, StaffRole.ADMIN, StaffRole.MARKETER, StaffRole.AGENT);
        model.addAttribute("charts", charts);
        if (charts) {
            charts(locale, model);
        }
        return "backoffice/home";
    }

    private void charts(Locale locale, Model model) {
        DashboardFigures.Figures figures = this.figures.recent(locale);
        model.addAttribute("from", figures.from());
        model.addAttribute("to", figures.to());
        model.addAttribute("countedAt", COUNTED_AT.format(figures.countedAt()));
        model.addAttribute("events", events(figures.events(), figures.from(), locale));
        model.addAttribute("persons", persons(figures.persons(), locale));
        model.addAttribute("tiers", tiers(figures.tiers(), locale));
        model.addAttribute("verdicts", figures.verdicts());
        model.addAttribute("reasons", reasons(figures.verdicts(), locale));
    }

    /** One column per day, today's last, stacked by channel: the channels that had events, in a fixed colour each. */
    private BarChart events(List<DailyEvents> counts, LocalDate from, Locale locale) {
        Map<Channel, long[]> byChannel = new EnumMap<>(Channel.class);
        for (DailyEvents count : counts) {
            int day = (int) (count.day().toEpochDay() - from.toEpochDay());
            if (day >= 0 && day < DAYS) {
                byChannel.computeIfAbsent(count.channel(), channel -> new long[DAYS])[day] += count.events();
            }
        }
        List<BarChart.Series> series = new ArrayList<>();
        byChannel.keySet().forEach(channel -> series.add(new BarChart.Series(
                text("bo.eventChannel." + channel.code(), locale), channel.ordinal() % BarChart.COLOURS)));
        if (series.isEmpty()) {
            series.add(new BarChart.Series(text("bo.dashboard.total", locale), 0));
        }
        DateTimeFormatter format = DateTimeFormatter.ofPattern(text("bo.dashboard.dayFormat", locale), locale);
        List<String> days = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            days.add(from.plusDays(day).format(format));
            long[] row = new long[series.size()];
            int s = 0;
            for (long[] perDay : byChannel.values()) {
                row[s++] = perDay[day];
            }
            values.add(row);
        }
        return BarChart.columns(days, series, values);
    }

    private BarChart persons(List<LifecycleCount> counts, Locale locale) {
        return BarChart.rows(
                counts.stream().map(count -> text("bo.lifecycle." + count.lifecycle().name(), locale)).toList(),
                text("bo.dashboard.persons.count", locale), counts.stream().map(LifecycleCount::persons).toList());
    }

    private BarChart tiers(TierDistribution distribution, Locale locale) {
        List<String> names = new ArrayList<>(distribution.tiers().stream().map(TierDistribution.TierCount::name)
                .toList());
        List<Long> members = new ArrayList<>(distribution.tiers().stream().map(TierDistribution.TierCount::members)
                .toList());
        names.addFirst(text("bo.dashboard.tiers.none", locale));
        members.addFirst(distribution.withoutTier());
        return BarChart.rows(names, text("bo.dashboard.tiers.count", locale), members);
    }

    private BarChart reasons(GateVerdicts verdicts, Locale locale) {
        return BarChart.rows(
                verdicts.reasons().stream().map(r -> messages.getMessage("bo.reason." + r.reason(), null, r.reason(),
                        locale)).toList(),
                List.of(new BarChart.Series(text("bo.dashboard.gate.denied", locale), DENIED_COLOUR),
                        new BarChart.Series(text("bo.dashboard.gate.deferred", locale), DEFERRED_COLOUR)),
                verdicts.reasons().stream().map(r -> new long[]{r.denied(), r.deferred()}).toList());
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
