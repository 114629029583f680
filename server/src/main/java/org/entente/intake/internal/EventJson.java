package org.entente.intake.internal;

import org.entente.platform.ProblemException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads request bodies of events. Decimals stay exact (never doubles: money must not drift) and a key repeated in
 * one object is refused rather than silently taking the last value.
 */
@Component
public class EventJson {

    /** The most events one request may carry. */
    public static final int MAX_EVENTS = 1000;

    private final JsonMapper mapper;

    EventJson(JsonMapper json) {
        this.mapper = json.rebuild()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    public JsonNode read(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ProblemException.BadRequest("problem.intake.emptyBody");
            }
            return node;
        } catch (JacksonException e) {
            throw new ProblemException.BadRequest("malformed_json", List.of(), "problem.intake.invalidJson");
        }
    }

    /** The events of a native request: one event, or {@code {"events": [...]}}. */
    public List<JsonNode> events(JsonNode body) {
        if (!body.isObject()) {
            throw new ProblemException.BadRequest("problem.intake.notAnObject");
        }
        JsonNode events = body.get("events");
        if (events == null) {
            return List.of(body);
        }
        if (!events.isArray() || body.size() != 1) {
            throw new ProblemException.BadRequest("problem.intake.invalidBatch");
        }
        return batch(events);
    }

    public List<JsonNode> batch(JsonNode array) {
        if (array.isEmpty()) {
            throw new ProblemException.BadRequest("problem.intake.emptyBatch");
        }
        if (array.size() > MAX_EVENTS) {
            throw new ProblemException.BadRequest("problem.intake.tooManyEvents", MAX_EVENTS);
        }
        List<JsonNode> list = new ArrayList<>(array.size());
        array.forEach(list::add);
        return list;
    }

    public JsonMapper mapper() {
        return mapper;
    }
}
