package org.entente.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.util.Map;

/**
 * The answer to everything that fails outside a controller: an unknown route, an error in a filter. API clients (paths under {@code /api}, or clients that do not accept HTML) get problem+json;
 * browsers get a page. Never a stack trace, never an exception message.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ProblemErrorController implements ErrorController {

    private final Problems problems;

    ProblemErrorController(Problems problems) {
        this.problems = problems;
    }

    /** Browsers get a page, unless they asked for an API path. */
    @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatus status = status(request);
        if (isApi(request)) {
            problems.write(request, response, problem(request, status));
            return null;
        }
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("message", problems.message(messageKey(status), originalPath(request)));
        return page;
    }

    @RequestMapping
    ResponseEntity<Map<String, Object>> problem(HttpServletRequest request) {
        HttpStatus status = status(request);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.asMap(problem(request, status)));
    }

    private ProblemDetail problem(HttpServletRequest request, HttpStatus status) {
        ProblemDetail problem = problems.of(status, codeOf(status.value()), messageKey(status), originalPath(request));
        problem.setInstance(Problems.instance(originalPath(request)));
        return problem;
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = originalPath(request);
        return path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/")
                || path.startsWith("/v1/");
    }

    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri == null ? request.getRequestURI() : uri.toString();
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value) {
            HttpStatus status = HttpStatus.resolve(value);
            if (status != null && status.isError()) {
                return status;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String messageKey(HttpStatus status) {
        return messageKey(status.value());
    }

    /** True when the status has a message of its own (not only the generic 4xx/5xx one). */
    static boolean hasMessage(int status) {
        return switch (status) {
            case 400, 401, 403, 404, 405, 406, 413, 415 -> true;
            default -> false;
        };
    }

    /** The key of the localized detail of a problem that only has a status; {@code {0}} is the path. */
    static String messageKey(int status) {
        if (hasMessage(status)) {
            return "problem.http." + status;
        }
        return status < 500 ? "problem.http.4xx" : "problem.http.5xx";
    }

    /** The stable {@code code} of a problem that only has a status. */
    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal" : "client_error";
        };
    }
}
