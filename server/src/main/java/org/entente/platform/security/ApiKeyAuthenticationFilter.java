package org.entente.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.entente.platform.apikey.ApiKeyPrincipal;
import org.entente.platform.apikey.ApiKeyService;
import org.entente.platform.web.PayloadTooLargeException;
import org.entente.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <key>} (and, on the Segment-compatible API, HTTP Basic with the key as
 * user name). A request without the header goes on anonymous (and is
 * refused later if the route needs a key); a request with a malformed, unknown, expired or revoked key is refused
 * here with 401.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";
    /** Far above any real key, low enough that a hostile header costs nothing to refuse. */
    private static final int MAX_KEY_LENGTH = 512;

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

    private final ApiKeyService keys;
    private final JsonMapper json;
    private final AuthenticationEntryPoint entryPoint;
    private final Problems problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(ApiKeyService keys, AuthenticationEntryPoint entryPoint, Problems problems,
                               JsonMapper json) {
        this.keys = keys;
        this.json = json;
        this.entryPoint = entryPoint;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<String> writeKey = Optional.empty();
        if (header == null && SegmentPaths.matches(request) && "POST".equals(request.getMethod())) {
            // Segment's libraries send the key inside the body, as the batch's writeKey, and no header.
            byte[] body;
            try {
                body = request.getInputStream().readAllBytes();
            } catch (PayloadTooLargeException e) {
                response.setHeader(HttpHeaders.CONNECTION, "close");
                problems.write(request, response, problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
                        "problem.payloadTooLarge", Long.toString(e.limit())));
                return;
            }
            request = new CachedBodyRequest(request, body);
            writeKey = SegmentPaths.writeKey(json, body);
        }
        if (header == null && writeKey.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeyPrincipal> key;
        try {
            Optional<String> presented = header == null ? writeKey
                    : SegmentPaths.matches(request) ? parseBasic(header) : parse(header);
            key = presented.filter(token -> token.length() <= MAX_KEY_LENGTH).flatMap(keys::authenticate);
        } catch (DataAccessException e) {
            // Principle 2: a storage failure is an error the client can retry, never a silent 401 or a 500.
            log.warn("Cannot verify an API key, storage unavailable: {}", e.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(request, response, problems.of(HttpStatus.SERVICE_UNAVAILABLE, "storage_unavailable",
                    "problem.storageUnavailable"));
            return;
        }
        if (key.isEmpty()) {
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("invalid API key"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(key.get()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    /**
     * Segment's HTTP API sends the key as the user name of HTTP Basic, with an empty password (only there: the rest
     * of the API takes bearer keys only).
     */
    private static Optional<String> parseBasic(String header) {
        if (header.length() <= BASIC.length() || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())
                || header.length() > 2 * MAX_KEY_LENGTH) {
            return parse(header);
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String token = (colon < 0 ? decoded : decoded.substring(0, colon)).strip();
            return token.isEmpty() || token.length() > MAX_KEY_LENGTH ? Optional.empty() : Optional.of(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> parse(String header) {
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = header.substring(BEARER.length()).strip();
        if (token.isEmpty() || token.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(token);
    }
}
