package org.entente.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Refuses API request bodies larger than {@code entente.api.max-body-size} with 413: at once when the declared
 * length is too large, and while reading when a chunked body grows past the limit (the reader then fails with
 * {@link PayloadTooLargeException}, which {@link ApiExceptionHandler} answers with 413). CSV imports
 * ({@code POST /api/v1/imports}) are exempt: they are streamed to disk, never held in memory, and may be of any size.
 */
final class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** The one endpoint that takes bodies of any size. */
    private static final String STREAMED_UPLOADS = "/api/v1/imports";

    private final long limit;
    private final Problems problems;

    RequestSizeLimitFilter(long limit, Problems problems) {
        this.limit = limit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isStreamedUpload(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            // Tell the client not to keep sending a body nobody will read.
            response.setHeader("Connection", "close");
            problems.write(request, response,
                    problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "problem.payloadTooLarge",
                            Long.toString(limit)));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    /** A CSV upload to the imports endpoint, streamed to disk as it is read; nothing else is exempt. */
    private static boolean isStreamedUpload(HttpServletRequest request) {
        String type = request.getContentType();
        return "POST".equals(request.getMethod())
                && (request.getContextPath() + STREAMED_UPLOADS).equals(request.getRequestURI())
                && type != null && type.regionMatches(true, 0, "text/csv", 0, "text/csv".length());
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedInputStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
