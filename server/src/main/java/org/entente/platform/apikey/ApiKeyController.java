package org.entente.platform.apikey;

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
import org.entente.platform.security.CurrentActor;
import org.entente.platform.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Admin management of API keys. */
@RestController
@RequestMapping("/api/v1/admin/api-keys")
@RequiresScope(Scope.ADMIN)
@Tag(name = "API keys", description = "Keys of the brand's systems; the secret is shown once, at creation")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    record CreateApiKey(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "{problem.field.noControlCharacters}")
            String name,
            @NotEmpty Set<@NotNull Scope> scopes,
            Instant expiresAt) {
    }

    /** The created key; {@code secret} appears in this answer only. */
    record CreatedApiKeyResponse(UUID id, String name, String prefix, Set<Scope> scopes, Instant createdAt,
                                 Instant expiresAt, String secret) {
    }

    @PostMapping
    @Operation(summary = "Create a key", description = "Answers the secret once; store it, it cannot be shown again.")
    ResponseEntity<CreatedApiKeyResponse> create(@Valid @RequestBody CreateApiKey request) {
        ApiKeyService.CreatedApiKey created = keys.create(request.name(), request.scopes(), request.expiresAt(),
                CurrentActor.get());
        ApiKeyView key = created.key();
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(key.id()))
                .body(new CreatedApiKeyResponse(key.id(), key.name(), key.prefix(), key.scopes(), key.createdAt(),
                        key.expiresAt(), created.secret()));
    }

    @GetMapping
    @Operation(summary = "List keys, newest first")
    CursorPage<ApiKeyView> list(@RequestParam(required = false) @Size(max = 512) String cursor,
                                @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT)
                                @Min(1) @Max(PageRequest.MAX_LIMIT) int limit) {
        return keys.list(cursor, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One key")
    ApiKeyView get(@PathVariable UUID id) {
        return keys.get(id);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a key", description = "From now on the key authenticates nothing. Idempotent.")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        keys.revoke(id, CurrentActor.get());
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
