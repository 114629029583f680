package org.entente.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.entente.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 401 and 403 as problem+json, for the API. */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final Problems problems;

    ProblemSecurityHandlers(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean presented = request.getHeader("Authorization") != null;
        if (SegmentPaths.matches(request)) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"entente\"");
        } else {
            response.setHeader("WWW-Authenticate", presented ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        problems.write(request, response, presented
                ? problems.of(HttpStatus.UNAUTHORIZED, "invalid_api_key", "problem.auth.invalidKey")
                : problems.of(HttpStatus.UNAUTHORIZED, "missing_api_key", "problem.auth.missingKey"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        problems.write(request, response, problems.of(HttpStatus.FORBIDDEN, "forbidden", "problem.auth.forbidden"));
    }
}
