package org.entente.intake.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.entente.intake.internal.CheckedEvent;
import org.entente.intake.internal.EventJson;
import org.entente.intake.internal.EventValidator;
import org.entente.intake.internal.IngestService;
import org.entente.intake.internal.IntakeSource;
import org.entente.platform.Actor;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;

/** The native events API. */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Events", description = "Every touchpoint writes here: one event or a batch of up to 1,000")
class EventController {

    private final EventJson json;
    private final EventValidator validator;
    private final IngestService ingest;
    private final MessageSource messages;

    EventController(EventJson json, EventValidator validator, IngestService ingest, MessageSource messages) {
        this.json = json;
        this.validator = validator;
        this.ingest = ingest;
        this.messages = messages;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresScope(Scope.INGEST)
    @Operation(summary = "Record events",
            description = "Takes one event or {\"events\": [...]}. Answers, per event, accepted, duplicate (same id "
                    + "already stored: nothing changes) or rejected with the reason; valid events are kept even when "
                    + "others are rejected. The answer comes once everything is committed. On 503, send the request "
                    + "again: events are recorded in parts of 50, and those already recorded are then answered as "
                    + "duplicates (so give every event an id).")
    IngestResponse record(@RequestBody byte[] body, Locale locale) {
        List<CheckedEvent> checked = json.events(json.read(body)).stream().map(validator::check).toList();
        return IngestResponse.of(ingest.ingest(checked, Actor.current().name(), IntakeSource.API, true), messages,
                locale);
    }
}
