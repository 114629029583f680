package org.entente.backoffice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.util.Locale;

/**
 * Tells how long the server spent on a customer page or the home dashboard ({@code Server-Timing: app;dur=<ms>}), from
 * before the security filters to the last byte rendered: the page is held until then (a few tens of kilobytes) so
 * that the header can still be set. The bench scenario {@code page360} reads it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageTiming extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/customers") && !path.equals("/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
        } finally {
            held.setHeader("Server-Timing", String.format(Locale.ROOT, "app;dur=%.3f",
                    (System.nanoTime() - started) / 1_000_000.0));
            held.copyBodyToResponse();
        }
    }
}
