package org.entente.outreach.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.entente.outreach.ContactPolicy;
import org.entente.outreach.Outreach;
import org.entente.platform.IfMatch;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** The brand's contact policy. */
@RestController
@RequestMapping("/api/v1/outreach/policy")
@Tag(name = "Contact policy", description = "The brand's caps and quiet hours: only ever stricter than the person's")
class PolicyController {

    private final Outreach outreach;

    PolicyController(Outreach outreach) {
        this.outreach = outreach;
    }

    @GetMapping
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "The policy in force", description = "Version 0 until one is saved. Its ETag is its version.")
    ResponseEntity<ContactPolicy> policy() {
        ContactPolicy policy = outreach.policy();
        return ResponseEntity.ok().eTag("\"" + policy.version() + "\"").body(policy);
    }

    @PutMapping
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Save a new version of the policy, in force at once",
            description = "`channels` and `overall` caps per calendar day, week and month per person, `topics` caps, "
                    + "`quietHours` (`from`, `to`) in each person's time zone. Checked beside the person's own limits: "
                    + "the strictest wins (`brand_cap`). `If-Match` or `version` give 409 `stale_policy`. Audited.")
    ResponseEntity<ContactPolicy> save(@RequestBody ContactPolicy policy,
                                       @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Optional<Integer> basedOn = IfMatch.basedOn(ifMatch, policy.version());
        ContactPolicy saved = outreach.savePolicy(policy, basedOn);
        return ResponseEntity.ok().eTag("\"" + saved.version() + "\"").body(saved);
    }
}
