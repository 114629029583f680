package org.entente.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES} failed logins for one username within
 * {@link #WINDOW}, that username is locked for the rest of the window, whatever password is tried. Counts are kept
 * per node (in memory): with N nodes an attacker gets at most N times as many tries.
 */
@Component
public class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(WINDOW)
            .build();

    /** True while the username may not log in. */
    public boolean isLocked(String username) {
        AtomicInteger count = failures.getIfPresent(key(username));
        return count != null && count.get() >= MAX_FAILURES;
    }

    /** Counts a failed attempt; the window restarts at each failure. */
    void failed(String username) {
        String key = key(username);
        AtomicInteger count = failures.get(key, k -> new AtomicInteger());
        count.incrementAndGet();
        failures.put(key, count);
    }

    void succeeded(String username) {
        failures.invalidate(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
