package org.entente.platform.security;

import org.entente.platform.Scope;
import org.entente.platform.apikey.ApiKeyPrincipal;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API key; its authorities are the key's scopes ({@code SCOPE_ingest}...). */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeyPrincipal key;

    ApiKeyAuthentication(ApiKeyPrincipal key) {
        super(key.scopes().stream().map(Scope::authority).map(SimpleGrantedAuthority::new).toList());
        this.key = key;
        setAuthenticated(true);
    }

    @Override
    public ApiKeyPrincipal getPrincipal() {
        return key;
    }

    /** Never the secret: it is not kept after verification. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return key.name();
    }

    /** True when the key holds this scope. */
    public boolean has(Scope scope) {
        return key.scopes().contains(scope);
    }
}
