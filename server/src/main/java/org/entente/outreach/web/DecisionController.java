package org.entente.outreach.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.entente.outreach.Decision;
import org.entente.outreach.DecisionRequest;
import org.entente.outreach.Outreach;
import org.entente.platform.ProblemException;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The contact gate that every outbound message crosses. */
@RestController
@RequestMapping("/api/v1/outreach")
@Tag(name = "Contact gate", description = "May this message go to this person now? allow, defer or deny, with reasons")
class DecisionController {

    private final Outreach outreach;

    DecisionController(Outreach outreach) {
        this.outreach = outreach;
    }

    @PostMapping("/decisions")
    @RequiresScope(Scope.OUTREACH)
    @Operation(summary = "Ask the gate about one message",
            description = "`profileId` (or one identifier), `channel`, `class` (transactional, service, marketing, "
                    + "solicited), `topic`, `campaign`, `idempotencyKey`, `sendAt`. Answers `verdict` (allow, defer, "
                    + "deny), `reasons` and `deferUntil`. An allow reserves the slot; the same idempotency key "
                    + "answers the same verdict (`replayed`). Every verdict is kept.")
    Decision decide(@RequestBody DecisionRequest request) {
        return outreach.decide(request);
    }

    record Batch(List<DecisionRequest> decisions) {
    }

    @PostMapping("/decisions:batch")
    @RequiresScope(Scope.OUTREACH)
    @Operation(summary = "Ask the gate about many messages (a campaign)",
            description = "`{\"decisions\": [...]}`, 1 to 1,000, each as for one decision, answered in order. "
                    + "Nothing is decided when one is invalid (400 with `decisions[i].field`).")
    Map<String, List<Decision>> decideAll(@RequestBody Batch batch) {
        if (batch.decisions() == null || batch.decisions().isEmpty() || batch.decisions().size() > Outreach.MAX_BATCH) {
            throw new ProblemException.BadRequest(List.of(new ProblemException.FieldError("decisions", "Size",
                    "problem.outreach.batch", Outreach.MAX_BATCH)), "problem.validation");
        }
        return Map.of("decisions", outreach.decideAll(batch.decisions()));
    }
}
