package org.entente.intake.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.entente.intake.ImportKind;
import org.entente.intake.ImportStatus;
import org.entente.intake.Imports;
import org.entente.intake.internal.Rejection;
import org.entente.platform.CursorPage;
import org.entente.platform.PageRequest;
import org.entente.platform.ProblemException;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** CSV imports of customers and transactions. */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports", description = "CSV files of customers or transactions, streamed, of any size")
class ImportController {

    private final Imports imports;
    private final MessageSource messages;

    ImportController(Imports imports, MessageSource messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @PostMapping(consumes = "text/csv")
    @RequiresScope(Scope.INGEST)
    @Operation(summary = "Start an import",
            description = "The body is a UTF-8 CSV file with a header row, separated by , or ;. customers: "
                    + "customerId,email,phone,firstName,lastName,loyaltyCard,createdAt,... (other columns become "
                    + "attributes). transactions: one row per order line, orderId,customerId|email,occurredAt,sku,name,"
                    + "brand,category,quantity,unitPrice,currency,store,channel; the rows of an order follow each other; "
                    + "negative quantities are returns. Answers at once with the import to follow; importing the same "
                    + "file again changes nothing.")
    ResponseEntity<ImportStatus> start(@RequestParam String kind, HttpServletRequest request) throws IOException {
        ImportKind parsed = ImportKind.fromCode(kind).orElseThrow(() -> new ProblemException.BadRequest(
                List.of(new ProblemException.FieldError("kind", "UnknownKind", "problem.import.unknownKind")),
                "problem.validation"));
        ImportStatus status = imports.start(parsed, request.getInputStream());
        return ResponseEntity.accepted()
                .location(ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/imports/{id}")
                        .build(status.id()))
                .body(status);
    }

    @GetMapping
    @RequiresScope({Scope.INGEST, Scope.READ})
    @Operation(summary = "Imports, newest first")
    CursorPage<ImportStatus> list(@RequestParam(required = false) @Size(max = 512) String cursor,
                                  @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT)
                                  @Min(1) @Max(PageRequest.MAX_LIMIT) int limit) {
        return imports.list(cursor, limit);
    }

    @GetMapping("/{id}")
    @RequiresScope({Scope.INGEST, Scope.READ})
    @Operation(summary = "Where an import stands", description = "Rows read, accepted, duplicate and rejected, rows "
            + "per second and the estimated end.")
    ImportStatus get(@PathVariable UUID id) {
        return imports.find(id).orElseThrow(() -> new ProblemException.NotFound("problem.import.notFound", id));
    }

    record RejectedRowView(long line, IngestResponse.Reason reason, String content) {
    }

    @GetMapping("/{id}/rejections")
    @RequiresScope({Scope.INGEST, Scope.READ})
    @Operation(summary = "The rows an import refused, by line number (the header is line 1)")
    CursorPage<RejectedRowView> rejections(@PathVariable UUID id,
                                           @RequestParam(required = false) @Size(max = 512) String cursor,
                                           @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT)
                                           @Min(1) @Max(PageRequest.MAX_LIMIT) int limit, Locale locale) {
        get(id);
        CursorPage<Imports.RejectedRow> page = imports.rejectedRows(id, cursor, limit);
        return new CursorPage<>(page.items().stream().map(row -> new RejectedRowView(row.line(),
                IngestResponse.Reason.of(new Rejection(row.reason(), row.field(), null), messages, locale),
                row.content())).toList(), page.next());
    }
}
