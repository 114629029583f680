package org.entente.intake.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.entente.intake.internal.RejectionStore;
import org.entente.platform.Actor;
import org.entente.platform.CursorPage;
import org.entente.platform.PageRequest;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Rejected events, for their sender to see and fix. */
@RestController
@RequestMapping("/api/v1/intake/rejections")
@Tag(name = "Events")
class RejectionController {

    private final RejectionStore rejections;
    private final MessageSource messages;

    RejectionController(RejectionStore rejections, MessageSource messages) {
        this.rejections = rejections;
        this.messages = messages;
    }

    /** @param event the event as it was sent (possibly truncated); JSON when it was readable */
    record RejectionView(UUID id, Instant receivedAt, String sender, String source, String eventId, String eventType,
                         IngestResponse.Reason reason, @JsonRawValue String event) {
    }

    @GetMapping
    @RequiresScope({Scope.INGEST, Scope.READ})
    @Operation(summary = "Rejected events, newest first",
            description = "A key with the ingest scope only sees what it sent itself; read sees everyone's.")
    CursorPage<RejectionView> list(@RequestParam(required = false) @Size(max = 512) String cursor,
                                   @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT)
                                   @Min(1) @Max(PageRequest.MAX_LIMIT) int limit, Locale locale) {
        String sender = Scope.READ.isGranted() ? null : Actor.current().name();
        CursorPage<RejectionStore.StoredRejection> page = rejections.list(sender, cursor, limit);
        return new CursorPage<>(page.items().stream().map(r -> new RejectionView(r.id(), r.receivedAt(), r.sender(),
                r.source().code(), r.eventId(), r.eventType(), IngestResponse.Reason.of(r.reason(), messages, locale),
                r.payload())).toList(), page.next());
    }
}
