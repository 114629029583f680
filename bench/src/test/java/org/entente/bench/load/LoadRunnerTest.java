package org.entente.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

    private final AtomicLong calls = new AtomicLong();

    @Test
    void countsOnlyTheMeasuredWindowAndTimesEachAnswer() throws InterruptedException {
        var runner = new LoadRunner(new LoadSettings(2, Duration.ofMillis(200), Duration.ofMillis(300)));

        var result = runner.run("sleep", () -> {
            calls.incrementAndGet();
            Thread.sleep(2);
            return 200;
        });

        assertThat(result.requests()).isPositive().isLessThan(calls.get());
        assertThat(result.errors()).isZero();
        assertThat(result.elapsed()).isBetween(Duration.ofMillis(300), Duration.ofMillis(1_000));
        assertThat(result.latencies().p50Ms()).isGreaterThanOrEqualTo(2.0);
        assertThat(result.requestsPerSecond()).isBetween(50.0, 1_000.0);
    }

    @Test
    void tellsEachExchangeWhetherItIsCounted() throws InterruptedException {
        var runner = new LoadRunner(new LoadSettings(3, Duration.ofMillis(100), Duration.ofMillis(200)));
        var measured = new AtomicLong();

        var result = runner.run("windowed", (boolean counted) -> {
            calls.incrementAndGet();
            if (counted) {
                measured.incrementAndGet();
            }
            Thread.sleep(1);
            return 200;
        });

        assertThat(result.requests()).isPositive().isEqualTo(measured.get()).isLessThan(calls.get());
    }

    @Test
    void countsHttpErrorsAndIoErrorsSeparately() throws InterruptedException {
        var runner = new LoadRunner(new LoadSettings(1, Duration.ZERO, Duration.ofMillis(100)));

        var result = runner.run("flaky", () -> {
            long call = calls.incrementAndGet();
            Thread.sleep(1);
            if (call % 3 == 0) {
                throw new IOException("connection reset");
            }
            return call % 3 == 1 ? 200 : 500;
        });

        assertThat(result.requests()).isEqualTo(calls.get());
        assertThat(result.httpErrors()).isBetween(result.requests() / 3 - 1, result.requests() / 3 + 1);
        assertThat(result.ioErrors()).isBetween(result.requests() / 3 - 1, result.requests() / 3 + 1);
        assertThat(result.errorRate()).isBetween(0.6, 0.7);
    }

    @Test
    void anUnexpectedFailureStopsTheRun() {
        var runner = new LoadRunner(new LoadSettings(1, Duration.ZERO, Duration.ofMillis(100)));

        assertThatThrownBy(() -> runner.run("broken", () -> {
            throw new IllegalArgumentException("bug in the scenario");
        })).isInstanceOf(IllegalStateException.class).hasRootCauseMessage("bug in the scenario");
    }

    @Test
    void runAllSendsEveryJobExactlyOnceAcrossTheClients() throws InterruptedException {
        var sent = ConcurrentHashMap.<Long>newKeySet();

        var result = LoadRunner.runAll("jobs", 4, 100, number -> {
            assertThat(sent.add(number)).as("job %d sent twice", number).isTrue();
            Thread.sleep(1);
            return number % 10 == 0 ? 503 : 202;
        });

        assertThat(sent).hasSize(100).allSatisfy(number -> assertThat(number).isBetween(0L, 99L));
        assertThat(result.requests()).isEqualTo(100);
        assertThat(result.httpErrors()).isEqualTo(10);
        assertThat(result.latencies().p50Ms()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void combinedResultsAddUpAndTakeTheirResponseTimesTogether() throws InterruptedException {
        var fast = LoadRunner.runAll("fast", 1, 20, number -> 202);
        var slow = LoadRunner.runAll("slow", 1, 10, number -> {
            Thread.sleep(5);
            return number == 0 ? 503 : 202;
        });

        var both = LoadResult.combine("both", List.of(fast, slow));

        assertThat(both.name()).isEqualTo("both");
        assertThat(both.requests()).isEqualTo(30);
        assertThat(both.httpErrors()).isEqualTo(1);
        assertThat(both.elapsed()).isEqualTo(fast.elapsed().plus(slow.elapsed()));
        // A third of the requests are slow: the median is a fast one, the 90th percentile a slow one.
        assertThat(both.latencies().p50Ms()).isLessThan(5.0);
        assertThat(both.latencies().p90Ms()).isGreaterThanOrEqualTo(5.0);
        assertThat(both.latencies().maxMs()).isEqualTo(slow.latencies().maxMs());
        assertThat(fast.requests()).isEqualTo(20);
    }
}
