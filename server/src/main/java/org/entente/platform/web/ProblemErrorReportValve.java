package org.entente.platform.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Tomcat's last word, for requests it refuses before Spring sees them (an encoded slash or a NUL in the path, a
 * broken percent-encoding, headers too large): a short problem+json instead of Tomcat's HTML page. The detail is
 * in English because no application code, and so no language resolution, has run.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status < 500 ? "The request is malformed and was refused before reaching Entente."
                : "An unexpected error occurred.";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\",\"code\":\"" + ProblemErrorController.codeOf(status) + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is already on its way: nothing more to say.
        }
    }
}
