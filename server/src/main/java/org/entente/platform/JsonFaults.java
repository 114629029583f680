package org.entente.platform;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What is wrong with a JSON document that could not be mapped to its type, said the same way wherever documents are
 * taken (the API, the back office's editors): where ({@code tiers[1].code}) and why.
 */
public final class JsonFaults {

    private JsonFaults() {
    }

    /** {@code scopes[1]}, {@code address.city}: where in the document the bad value is. */
    public static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The fault as a field error: an unknown field, a value one of Entente's types refused (with its own words), or
     * a value of the wrong kind.
     *
     * @return null when the text is not JSON at all ({@link StreamReadException}: its location says where)
     */
    public static ProblemException.FieldError of(JacksonException e) {
        if (e instanceof StreamReadException) {
            return null;
        }
        String field = path(e);
        if (e instanceof UnrecognizedPropertyException) {
            return new ProblemException.FieldError(field, "Unknown", "problem.field.unknown");
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException refused) {
                // Our own value types explain what they accept (e.g. the list of scopes).
                return new ProblemException.FieldError(field, "InvalidValue", "problem.field.refused",
                        refused.getMessage());
            }
        }
        return new ProblemException.FieldError(field, "InvalidValue", "problem.field.invalidValue");
    }
}
