package org.entente.platform;

import java.util.List;
import java.util.Objects;

/**
 * A client-visible failure that becomes an RFC 9457 {@code application/problem+json} answer. The detail is a
 * message key resolved in the client's language; {@code args} fill its placeholders. Subclasses fix the status.
 */
public abstract sealed class ProblemException extends RuntimeException
        permits ProblemException.NotFound, ProblemException.Conflict, ProblemException.BadRequest {

    private final String messageKey;
    private final transient Object[] args;

    protected ProblemException(String messageKey, Object... args) {
        super(messageKey);
        this.messageKey = Objects.requireNonNull(messageKey, "messageKey");
        this.args = args.clone();
    }

    /** The HTTP status of the answer. */
    public abstract int status();

    /** The key of the detail message in the {@code i18n/messages} bundles. */
    public String messageKey() {
        return messageKey;
    }

    /** The values of the message placeholders. */
    public Object[] args() {
        return args.clone();
    }

    /** 404: the addressed thing does not exist (or the caller may not know that it does). */
    public static final class NotFound extends ProblemException {
        public NotFound(String messageKey, Object... args) {
            super(messageKey, args);
        }

        @Override
        public int status() {
            return 404;
        }
    }

    /** 409: the request conflicts with the current state (a duplicate, a forbidden transition). */
    public static final class Conflict extends ProblemException {
        private final String code;

        public Conflict(String messageKey, Object... args) {
            super(messageKey, args);
            this.code = null;
        }

        private Conflict(String code, String messageKey, Object[] args) {
            super(messageKey, args);
            this.code = code;
        }

        /** A conflict with a stable {@code code} clients branch on, instead of {@code conflict}. */
        public static Conflict coded(String code, String messageKey, Object... args) {
            return new Conflict(code, messageKey, args);
        }

        /** The explicit code, or null for the default one. */
        public String code() {
            return code;
        }

        @Override
        public int status() {
            return 409;
        }
    }

    /** 400: the request is invalid; {@code fieldErrors} say which fields and why (may be empty). */
    public static final class BadRequest extends ProblemException {
        private final String code;
        private final List<FieldError> fieldErrors;

        public BadRequest(List<FieldError> fieldErrors, String messageKey, Object... args) {
            this(null, fieldErrors, messageKey, args);
        }

        /** @param code the stable code clients branch on, instead of {@code bad_request} or {@code validation} */
        public BadRequest(String code, List<FieldError> fieldErrors, String messageKey, Object... args) {
            super(messageKey, args);
            this.code = code;
            this.fieldErrors = List.copyOf(fieldErrors);
        }

        /** The explicit code, or null for the default one. */
        public String code() {
            return code;
        }

        public BadRequest(String messageKey, Object... args) {
            this(List.of(), messageKey, args);
        }

        @Override
        public int status() {
            return 400;
        }

        public List<FieldError> fieldErrors() {
            return fieldErrors;
        }
    }

    /**
     * One invalid field: its JSON path ({@code scopes[1]}), a stable code ({@code NotBlank}) and a message key or
     * literal message with its arguments.
     */
    public record FieldError(String field, String code, String messageKey, Object... args) {
    }
}
