package org.entente.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/** The Segment-compatible API lives at {@code /v1/*}, as Segment's own does, so that its clients need no change. */
final class SegmentPaths {

    static final String PATTERN = "/v1/**";

    private SegmentPaths() {
    }

    /** The top-level {@code writeKey} of a Segment request body, read without building the whole tree. */
    static Optional<String> writeKey(JsonMapper json, byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("writeKey".equals(name) && value == JsonToken.VALUE_STRING) {
                    String key = parser.getString().strip();
                    return key.isEmpty() ? Optional.empty() : Optional.of(key);
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty(); // the controller answers the malformed body with 400
        }
    }

    static boolean matches(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/v1/");
    }
}
