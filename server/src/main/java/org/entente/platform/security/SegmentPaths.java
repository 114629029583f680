package org.entente.platform.security;

import jakarta.servlet.http.HttpServletRequest;

/** The Segment-compatible API lives at {@code /v1/*}, as Segment's own does, so that its clients need no change. */
final class SegmentPaths {

    static final String PATTERN = "/v1/**";

    private SegmentPaths() {
    }

    static boolean matches(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/v1/");
    }
}
