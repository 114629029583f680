package org.entente.platform.web;

import org.entente.platform.JsonFaults;
import org.entente.platform.ProblemException;
import org.entente.platform.security.ScopeDeniedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns every failure of an API controller into {@code application/problem+json}: a clear, localized
 * {@code detail}, a stable {@code code}, and per-field {@code errors} for invalid input. Never a stack trace.
 * What fails outside Spring MVC's handler methods (unknown route, errors in filters) is answered by
 * {@link ProblemErrorController} and the security handlers, in the same shape.
 */
// Before PageExceptionHandler, whose @Controller selector also matches @RestController classes.
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final Problems problems;

    ApiExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> problem(ProblemException e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail problem = problems.of(status, codeOf(e), e.messageKey(), e.args());
        if (e instanceof ProblemException.BadRequest bad && !bad.fieldErrors().isEmpty()) {
            problem.setProperty("errors", bad.fieldErrors().stream()
                    .map(f -> fieldError(f.field(), f.code(), problems.message(f.messageKey(), f.args()))).toList());
        }
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e) {
        ProblemDetail problem = e instanceof ScopeDeniedException scope
                ? problems.of(HttpStatus.FORBIDDEN, "forbidden", "problem.auth.scopeRequired", scope.requiredScopes())
                : problems.of(HttpStatus.FORBIDDEN, "forbidden", "problem.auth.forbidden");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> conflict(DataIntegrityViolationException e) {
        log.info("Refused a write that breaks a constraint: {}", e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(problems.of(HttpStatus.CONFLICT, "conflict", "problem.conflict"));
    }

    /** Nothing is acknowledged that is not durable: a storage failure is a 503 the client can retry. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            QueryTimeoutException.class, CannotCreateTransactionException.class})
    ResponseEntity<Object> storageUnavailable(Exception e) {
        log.warn("Storage unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problems.of(HttpStatus.SERVICE_UNAVAILABLE, "storage_unavailable", "problem.storageUnavailable"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure, reference {}", reference, e);
        ProblemDetail problem = problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "problem.internal", reference);
        problem.setProperty("reference", reference);
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError field : e.getBindingResult().getFieldErrors()) {
            errors.add(fieldError(field.getField(), field.getCode(), field.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(global -> errors.add(fieldError("", global.getCode(), global.getDefaultMessage())));
        return validation(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String[] codes = error.getCodes();
                String code = codes == null || codes.length == 0 ? "Invalid" : codes[codes.length - 1];
                errors.add(fieldError(name, code, error.getDefaultMessage()));
            }
        });
        return validation(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (causeOf(e, PayloadTooLargeException.class) != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "problem.payloadTooLarge",
                            Long.toString(causeOf(e, PayloadTooLargeException.class).limit())));
        }
        JacksonException json = causeOf(e, JacksonException.class);
        if (json == null || json instanceof StreamReadException) {
            ProblemDetail problem = problems.of(HttpStatus.BAD_REQUEST, "malformed_json", "problem.malformedJson");
            if (json != null && json.getLocation() != null) {
                problem.setProperty("line", json.getLocation().getLineNr());
                problem.setProperty("column", json.getLocation().getColumnNr());
            }
            return ResponseEntity.badRequest().body(problem);
        }
        ProblemException.FieldError fault = JsonFaults.of(json);
        return validation(List.of(fieldError(fault.field(), fault.code(),
                problems.message(fault.messageKey(), fault.args()))));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : e.getPropertyName();
        return validation(List.of(fieldError(field == null ? "" : field, "TypeMismatch",
                problems.message("problem.field.invalidValue"))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return validation(List.of(fieldError(e.getParameterName(), "Required", problems.message("problem.field.required"))));
    }

    /**
     * Gives the problems Spring builds itself (405, 406, 415...) a {@code type}, the stable {@code code} and a detail
     * in the client's language.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            // A 400 keeps Spring's own detail: it names what is wrong, which a generic sentence would not.
            if (status.value() != 400 && ProblemErrorController.hasMessage(status.value())
                    && problem.getProperties() == null) {
                String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "";
                problem.setDetail(problems.message(ProblemErrorController.messageKey(status.value()), path));
            }
            if (problem.getType() == null || problem.getType().toString().isEmpty()) {
                problem.setType(URI.create("about:blank"));
            }
            if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
                problem.setProperty("code", ProblemErrorController.codeOf(status.value()));
            }
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private ResponseEntity<Object> validation(List<Map<String, Object>> errors) {
        ProblemDetail problem = problems.of(HttpStatus.BAD_REQUEST, "validation", "problem.validation");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static Map<String, Object> fieldError(String field, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("code", code);
        error.put("message", message);
        return error;
    }

    private static String codeOf(ProblemException e) {
        return switch (e) {
            case ProblemException.NotFound notFound -> "not_found";
            case ProblemException.Conflict conflict -> conflict.code() != null ? conflict.code() : "conflict";
            case ProblemException.BadRequest bad -> bad.code() != null ? bad.code()
                    : bad.fieldErrors().isEmpty() ? "bad_request" : "validation";
        };
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
