package org.entente.platform;

import java.util.List;
import java.util.Optional;

/**
 * Optimistic concurrency on a versioned document (a program, an offer, a policy, preferences): the version a client
 * edited, from its {@code If-Match} header (the ETag it read) or else from the document's own {@code version}.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /**
     * @param header      the {@code If-Match} header, may be null; {@code *} matches any version
     * @param bodyVersion the {@code version} the body carries, may be null
     * @return the version the change was made from, empty when the client did not say
     * @throws ProblemException.BadRequest when the header is not a version
     */
    public static Optional<Integer> basedOn(String header, Integer bodyVersion) {
        if (header == null || header.strip().equals("*")) {
            return Optional.ofNullable(bodyVersion);
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Optional.of(Integer.parseInt(value.replace("\"", "")));
        } catch (NumberFormatException e) {
            throw new ProblemException.BadRequest(List.of(new ProblemException.FieldError("If-Match",
                    "InvalidVersion", "problem.ifMatch")), "problem.validation");
        }
    }
}
