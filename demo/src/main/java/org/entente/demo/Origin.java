package org.entente.demo;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Where a demo customer comes from, which fixes their language, names, time zone, city and e-mail domain together
 * so that a customer is consistent (a Parisian named Hélène writes in French).
 */
enum Origin {
    FRANCE(70, Locale.FRENCH, "FR", ZoneId.of("Europe/Paris"), Names.FRENCH_FIRST, Names.FRENCH_LAST,
            Weighted.<String>builder()
                    .add("Paris", 30).add("Lyon", 8).add("Marseille", 8).add("Toulouse", 6).add("Bordeaux", 6)
                    .add("Lille", 6).add("Nice", 5).add("Nantes", 5).add("Strasbourg", 4).add("Montpellier", 4)
                    .add("Rennes", 4).add("Grenoble", 3).add("Rouen", 3).add("Toulon", 3).add("Aix-en-Provence", 2)
                    .add("Saint-Étienne", 2).add("Dijon", 2).add("Angers", 2).add("Reims", 2).add("Le Havre", 2)
                    .add("Clermont-Ferrand", 2).add("Tours", 2).add("Brest", 1).add("Limoges", 1).add("Amiens", 1)
                    .add("Metz", 1).add("Besançon", 1).add("Perpignan", 1).add("Orléans", 1).add("Caen", 1)
                    .add("Nancy", 1).add("Annecy", 1)
                    .build(),
            Weighted.<String>builder().add("example.fr", 4).add("example.com", 1).build()),
    UNITED_KINGDOM(15, Locale.ENGLISH, "GB", ZoneId.of("Europe/London"), Names.ENGLISH_FIRST, Names.ENGLISH_LAST,
            Weighted.<String>builder()
                    .add("London", 40).add("Manchester", 9).add("Birmingham", 8).add("Leeds", 6).add("Glasgow", 6)
                    .add("Liverpool", 5).add("Bristol", 5).add("Edinburgh", 5).add("Sheffield", 4)
                    .add("Newcastle upon Tyne", 4).add("Nottingham", 3).add("Cardiff", 3).add("Leicester", 3)
                    .add("Belfast", 3).add("Brighton", 2).add("Southampton", 2).add("Oxford", 1).add("Cambridge", 1)
                    .add("York", 1)
                    .build(),
            Weighted.<String>builder().add("example.com", 2).add("example.org", 1).add("example.net", 1).build()),
    UNITED_STATES(15, Locale.ENGLISH, "US", ZoneId.of("America/New_York"), Names.ENGLISH_FIRST,
            Names.ENGLISH_LAST,
            // Only cities whose IANA zone really is America/New_York.
            Weighted.<String>builder()
                    .add("New York", 40).add("Philadelphia", 10).add("Boston", 9).add("Atlanta", 9)
                    .add("Washington", 8).add("Miami", 8).add("Baltimore", 4).add("Charlotte", 4).add("Orlando", 4)
                    .add("Tampa", 4).add("Pittsburgh", 3).add("Columbus", 3).add("Raleigh", 3).add("Cleveland", 3)
                    .add("Jacksonville", 3).add("Richmond", 2).add("Providence", 2).add("Buffalo", 2)
                    .add("Hartford", 1)
                    .build(),
            Weighted.<String>builder().add("example.com", 2).add("example.org", 1).add("example.net", 1).build());

    static final Weighted<Origin> BY_SHARE = byShare();

    private final int share;
    final Locale locale;
    final String country;
    final ZoneId timeZone;
    final List<String> firstNames;
    final List<String> lastNames;
    final Weighted<String> cities;
    final Weighted<String> emailDomains;

    Origin(int share, Locale locale, String country, ZoneId timeZone, List<String> firstNames,
           List<String> lastNames, Weighted<String> cities, Weighted<String> emailDomains) {
        this.share = share;
        this.locale = locale;
        this.country = country;
        this.timeZone = timeZone;
        this.firstNames = firstNames;
        this.lastNames = lastNames;
        this.cities = cities;
        this.emailDomains = emailDomains;
    }

    private static Weighted<Origin> byShare() {
        var builder = Weighted.<Origin>builder();
        for (var origin : values()) {
            builder.add(origin, origin.share);
        }
        return builder.build();
    }
}
