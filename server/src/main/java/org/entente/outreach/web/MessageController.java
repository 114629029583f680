package org.entente.outreach.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.entente.outreach.DeliveryReport;
import org.entente.outreach.Message;
import org.entente.outreach.MessageRequest;
import org.entente.outreach.Messages;
import org.entente.platform.CursorPage;
import org.entente.platform.PageRequest;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** Messages to persons, through the contact gate, and their delivery. */
@RestController
@Validated
@Tag(name = "Messages", description = "Send a message through the gate; follow its delivery")
class MessageController {

    private final Messages messages;

    MessageController(Messages messages) {
        this.messages = messages;
    }

    @PostMapping("/api/v1/messages")
    @RequiresScope(Scope.OUTREACH)
    @Operation(summary = "Send a message through the gate",
            description = "`profileId`, `channel`, `class`, `topic`, `campaign`, `subject` and `body`, or a "
                    + "`template` (welcome, sign_in_link) with `variables`, `locale`, `idempotencyKey`, `sendAt`, "
                    + "`expiresAt`. 201 with the message: `denied` (with the gate's reasons), `deferred` (it waits "
                    + "until the gate may allow it), `queued` (allowed, sent at its time, checked again just before) or "
                    + "`failed` (`no_address`). Email goes by SMTP, other channels to the signed webhook. The same "
                    + "idempotency key answers 200 with the first message (`replayed`).")
    ResponseEntity<Message> send(@RequestBody MessageRequest request) {
        Message message = messages.send(request);
        return ResponseEntity.status(message.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(message);
    }

    @GetMapping("/api/v1/messages/{id}")
    @RequiresScope({Scope.READ, Scope.OUTREACH})
    @Operation(summary = "A message and where it stands")
    Message message(@PathVariable UUID id) {
        return messages.message(id);
    }

    @PostMapping("/api/v1/messages/{id}/reports")
    @RequiresScope(Scope.OUTREACH)
    @Operation(summary = "Report what the delivery provider saw",
            description = "`type`: delivered, opened, clicked (counts as opened) or bounced; `at` (default now). "
                    + "Shown on the person's timeline; opens feed the gate's fatigue rule. 409 `not_sent` for a message "
                    + "that was not sent.")
    Message report(@PathVariable UUID id, @RequestBody DeliveryReport report) {
        return messages.report(id, report);
    }

    @GetMapping("/api/v1/profiles/{id}/messages")
    @RequiresScope({Scope.READ, Scope.OUTREACH})
    @Operation(summary = "The person's messages, newest first", description = "Pass `next` as `before`.")
    CursorPage<Message> ofPerson(@PathVariable UUID id,
                                 @RequestParam(required = false) @Size(max = 512) String before,
                                 @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT)
                                 @Min(1) @Max(PageRequest.MAX_LIMIT) int limit) {
        return messages.messages(id, before, limit);
    }
}
