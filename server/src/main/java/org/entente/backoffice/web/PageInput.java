package org.entente.backoffice.web;

import org.entente.platform.ProblemException;

import java.util.List;
import java.util.UUID;

/** What pages take in their paths and queries, refused with a 400 page when it is not what they expect. */
final class PageInput {

    private PageInput() {
    }

    /** @throws ProblemException.BadRequest when {@code text} is not a UUID */
    static UUID uuid(String text, String field) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw invalid(field);
        }
    }

    /** The refusal of a field's value. */
    static ProblemException.BadRequest invalid(String field) {
        return new ProblemException.BadRequest(List.of(new ProblemException.FieldError(field, "Invalid",
                "problem.field.invalidValue")), "problem.validation");
    }
}
