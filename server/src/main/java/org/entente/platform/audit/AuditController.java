package org.entente.platform.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.entente.platform.CursorPage;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.entente.platform.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Admins read the audit log; nobody can change it. */
@RestController
@RequiresScope(Scope.ADMIN)
@Tag(name = "Audit log", description = "Security-relevant and sensitive actions, append-only")
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/api/v1/admin/audit-events")
    @Operation(summary = "Search the audit log, newest first",
            description = "Filters: action (e.g. api_key.created), actor, target (what the action was done to, "
                    + "exactly), from (inclusive) and to (exclusive) instants.")
    CursorPage<AuditEntry> find(@RequestParam(required = false) @Size(max = 64) String action,
                                @RequestParam(required = false) @Size(max = 200) String actor,
                                @RequestParam(required = false) @Size(max = 200) String target,
                                @RequestParam(required = false) Instant from,
                                @RequestParam(required = false) Instant to,
                                @RequestParam(required = false) @Size(max = 512) String cursor,
                                @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT)
                                @Min(1) @Max(PageRequest.MAX_LIMIT) int limit) {
        return trail.find(new AuditQuery(action, actor, from, to, target), cursor, limit);
    }
}
