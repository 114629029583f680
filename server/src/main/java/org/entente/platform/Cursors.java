package org.entente.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Encodes the position of the last item of a page into an opaque cursor, and back. Listings use keyset
 * pagination (the sort key of the last row), so pages stay stable while rows are added.
 */
public final class Cursors {

    private static final String SEPARATOR = "\n";
    private static final int MAX_LENGTH = 512;

    private Cursors() {
    }

    /** The cursor for a sort key made of these parts (none may contain a line feed). */
    public static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sort key parts of a cursor made by {@link #encode}.
     *
     * @throws ProblemException.BadRequest (field {@code cursor}) when it is not such a cursor
     */
    public static List<String> decode(String cursor, int expectedParts) {
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(text.split(SEPARATOR, -1));
            if (parts.size() != expectedParts) {
                throw new IllegalArgumentException("wrong arity");
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** The answer to a cursor whose parts do not parse. */
    /**
     * The id of a cursor made by {@code encode(id.toString())}, for listings ordered by a time-ordered UUID.
     *
     * @throws ProblemException.BadRequest (field {@code cursor}) when it is not such a cursor
     */
    public static UUID decodeUuid(String cursor) {
        try {
            return UUID.fromString(decode(cursor, 1).getFirst());
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public static ProblemException.BadRequest invalid() {
        return new ProblemException.BadRequest(
                List.of(new ProblemException.FieldError("cursor", "InvalidCursor", "problem.cursor.invalid")),
                "problem.validation");
    }
}
