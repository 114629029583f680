package org.entente.intake.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.entente.intake.internal.CheckedEvent;
import org.entente.intake.internal.EventJson;
import org.entente.intake.internal.EventValidator;
import org.entente.intake.internal.IngestService;
import org.entente.intake.internal.IntakeSource;
import org.entente.intake.internal.SegmentMapper;
import org.entente.platform.Actor;
import org.entente.platform.ProblemException;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Segment's HTTP Tracking API, so that anything instrumented with a Segment library can send to Entente by changing
 * its endpoint: HTTP Basic with an API key (scope {@code ingest}) as the user name. Events that fail the checks are
 * kept as rejections, as on the native API; the answer is Segment's {@code {"success": true}} once everything is
 * committed.
 */
@RestController
@RequiresScope(Scope.INGEST)
@Tag(name = "Segment-compatible API", description = "Segment's HTTP Tracking API at /v1, HTTP Basic with the key as user name")
class SegmentController {

    private static final Map<String, Boolean> SUCCESS = Map.of("success", true);

    private final EventJson json;
    private final SegmentMapper mapper;
    private final EventValidator validator;
    private final IngestService ingest;

    SegmentController(EventJson json, SegmentMapper mapper, EventValidator validator, IngestService ingest) {
        this.json = json;
        this.mapper = mapper;
        this.validator = validator;
        this.ingest = ingest;
    }

    @PostMapping(path = "/v1/{type:identify|track|page|screen|alias|group}",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One identify, track, page, screen, alias or group call")
    Map<String, Boolean> one(@PathVariable String type, @RequestBody byte[] body) {
        JsonNode message = json.read(body);
        record(List.of(validator.check(mapper.toEvent(type, message, null))));
        return SUCCESS;
    }

    @PostMapping(path = {"/v1/batch", "/v1/import", "/v1/import/", "/v1/batch/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A batch of calls", description = "{\"batch\": [{\"type\": \"track\", ...}], \"context\": {...}}")
    Map<String, Boolean> batch(@RequestBody byte[] body) {
        JsonNode root = json.read(body);
        JsonNode batch = root.isObject() ? root.get("batch") : null;
        if (batch == null || !batch.isArray()) {
            throw new ProblemException.BadRequest("problem.segment.invalidBatch");
        }
        List<CheckedEvent> checked = new ArrayList<>();
        for (JsonNode message : json.batch(batch)) {
            JsonNode type = message.isObject() ? message.get("type") : null;
            String name = type != null && type.isString() ? type.stringValue() : "";
            checked.add(validator.check(mapper.toEvent(name, message, root.get("context"))));
        }
        record(checked);
        return SUCCESS;
    }

    private void record(List<CheckedEvent> checked) {
        ingest.ingest(checked, Actor.current().name(), IntakeSource.SEGMENT, true);
    }
}
