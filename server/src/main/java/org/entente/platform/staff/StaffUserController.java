package org.entente.platform.staff;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.entente.platform.CursorPage;
import org.entente.platform.RequiresScope;
import org.entente.platform.Scope;
import org.entente.platform.StaffRole;
import org.entente.platform.security.CurrentActor;
import org.entente.platform.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.Set;
import java.util.UUID;

/** Admin management of staff users. */
@RestController
@RequestMapping("/api/v1/admin/staff-users")
@RequiresScope(Scope.ADMIN)
@Tag(name = "Staff users", description = "Back-office accounts and their roles")
class StaffUserController {

    private final StaffUserService staff;

    StaffUserController(StaffUserService staff) {
        this.staff = staff;
    }

    record CreateStaffUser(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}", message = "{problem.staff.username}") String username,
            @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "{problem.field.noControlCharacters}")
            String displayName,
            @NotEmpty Set<@NotNull StaffRole> roles,
            @Size(min = 8, max = 72) String password) {
    }

    /** A change; absent fields stay as they are. */
    record UpdateStaffUser(
            @Size(min = 1, max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "{problem.field.noControlCharacters}")
            String displayName,
            @Size(min = 1) Set<@NotNull StaffRole> roles,
            Boolean enabled) {
    }

    /** A user, with the generated password when one was generated (shown once). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StaffUserWithPassword(StaffUserView user, String password) {
    }

    @PostMapping
    @Operation(summary = "Create a staff user", description = "Without a password, one is generated and answered once.")
    ResponseEntity<StaffUserWithPassword> create(@Valid @RequestBody CreateStaffUser request) {
        StaffUserService.CreatedStaffUser created = staff.create(request.username(), request.displayName(),
                request.roles(), request.password(), CurrentActor.get());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                        .build(created.user().id()))
                .body(new StaffUserWithPassword(created.user(), created.generatedPassword()));
    }

    @GetMapping
    @Operation(summary = "List staff users by username")
    CursorPage<StaffUserView> list(@RequestParam(required = false) @Size(max = 512) String cursor,
                                   @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT)
                                   @Min(1) @Max(PageRequest.MAX_LIMIT) int limit) {
        return staff.list(cursor, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One staff user")
    StaffUserView get(@PathVariable UUID id) {
        return staff.get(id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change display name, roles or enabled", description = "The last enabled admin cannot be removed.")
    StaffUserView update(@PathVariable UUID id, @Valid @RequestBody UpdateStaffUser request) {
        return staff.update(id, request.displayName(), request.roles(), request.enabled(), CurrentActor.get());
    }

    @PostMapping("/{id}/password-reset")
    @Operation(summary = "Generate a new password", description = "Answered once.")
    StaffUserWithPassword resetPassword(@PathVariable UUID id) {
        String password = staff.resetPassword(id, CurrentActor.get());
        return new StaffUserWithPassword(staff.get(id), password);
    }
}
