package org.entente.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds RFC 9457 problem details with a localized {@code detail} and a stable {@code code}, and writes them from
 * places that sit outside Spring MVC (security filters, the error controller).
 */
@Component
public class Problems {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private final MessageSource messages;
    private final JsonMapper json;
    private final LocaleResolver locales;

    Problems(MessageSource messages, JsonMapper json, LocaleResolver locales) {
        this.messages = messages;
        this.json = json;
        this.locales = locales;
    }

    /** A problem whose detail is the message {@code key} in the caller's language. */
    public ProblemDetail of(HttpStatus status, String code, String key, Object... args) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message(key, args));
        problem.setType(ABOUT_BLANK);
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    /** The message {@code key} in the caller's language (English when the language is not supported). */
    public String message(String key, Object... args) {
        // Filters run before Spring MVC has resolved the language: ask the same resolver it uses.
        Locale locale = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? locales.resolveLocale(attributes.getRequest())
                : LocaleContextHolder.getLocale();
        return messages.getMessage(key, args, key, locale);
    }

    /** Writes a problem as the whole response, for code that runs before Spring MVC. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(instance(request.getRequestURI()));
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), asMap(problem));
    }

    /** The path as a problem's {@code instance}; null when a hostile path is not even a URI reference. */
    static URI instance(String path) {
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The JSON members of a problem, extension members inlined as RFC 9457 wants. */
    static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        // RFC 9457: an absent type means "about:blank" (the status says it all); spell it out for clients.
        body.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
