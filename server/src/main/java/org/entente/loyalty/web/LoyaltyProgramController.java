package org.entente.loyalty.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.entente.loyalty.Loyalty;
import org.entente.loyalty.MaintenanceReport;
import org.entente.loyalty.Program;
import org.entente.platform.IfMatch;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** The loyalty program: tiers, benefits, earning rules, expiry, cards. */
@RestController
@RequestMapping("/api/v1/loyalty")
@Tag(name = "Loyalty program", description = "Tiers earned from real behaviour, their benefits, earning and expiry")
class LoyaltyProgramController {

    private final Loyalty loyalty;

    LoyaltyProgramController(Loyalty loyalty) {
        this.loyalty = loyalty;
    }

    @GetMapping("/program")
    @RequiresScope(Scope.READ)
    @Operation(summary = "The program in force", description = "Its ETag is its version, for If-Match on PUT.")
    ResponseEntity<Program> program() {
        Program program = loyalty.program();
        return ResponseEntity.ok().eTag("\"" + program.version() + "\"").body(program);
    }

    @PutMapping("/program")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Save a new version of the program, in force at once",
            description = "Validated as a whole; every fault is listed. Send the version you edited (`version` in "
                    + "the body, or `If-Match`) to be refused with 409 `stale_program` if somebody saved another "
                    + "meanwhile. Audited.")
    ResponseEntity<Program> save(@RequestBody Program program,
                                 @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Optional<Integer> basedOn = IfMatch.basedOn(ifMatch, program.version());
        Program saved = loyalty.saveProgram(program, basedOn);
        return ResponseEntity.ok().eTag("\"" + saved.version() + "\"").body(saved);
    }

    @PostMapping("/maintenance")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Expire lots, release run-out holds and review tiers now",
            description = "What the scheduled job does; running it twice changes nothing the second time.")
    MaintenanceReport maintenance() {
        return loyalty.runMaintenance();
    }
}
