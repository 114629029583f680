package org.entente.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServerTimingTest {

    @Test
    void readsTheAppDurationInMicroseconds() {
        assertThat(app("app;dur=1.234")).hasValue(1_234);
        assertThat(app("app;dur=0.0005")).hasValue(1);
        assertThat(app("app;dur=12")).hasValue(12_000);
        assertThat(app("app ; DUR = 3.5 ")).hasValue(3_500);
        assertThat(app("app;dur=\"2.5\"")).hasValue(2_500);
    }

    @Test
    void findsTheAppMetricAmongOthersInOneHeaderOrSeveral() {
        assertThat(app("db;dur=0.4;desc=\"one query, indexed\", app;desc=\"a;b\";dur=1.5")).hasValue(1_500);
        assertThat(app("db;dur=0.4", "cache;desc=hit", "app;dur=2")).hasValue(2_000);
        // The first app metric counts, as the specification says.
        assertThat(app("app;dur=1, app;dur=9")).hasValue(1_000);
    }

    @Test
    void isEmptyWithoutAPlainDecimalAppDuration() {
        assertThat(app()).isEmpty();
        assertThat(app("db;dur=0.4")).isEmpty();
        assertThat(app("application;dur=1")).isEmpty();
        assertThat(app("app")).isEmpty();
        assertThat(app("app;desc=\"dur=1\"")).isEmpty();
        assertThat(app("app;dur=")).isEmpty();
        assertThat(app("app;dur=-1")).isEmpty();
        assertThat(app("app;dur=NaN")).isEmpty();
        assertThat(app("app;dur=1e3")).isEmpty();
        assertThat(app("app;dur=1.5d")).isEmpty();
    }

    private static OptionalLong app(String... values) {
        var headers = HttpHeaders.of(Map.of("server-timing", List.of(values)), (name, value) -> true);
        return ServerTiming.micros(headers, ServerTiming.APP);
    }
}
