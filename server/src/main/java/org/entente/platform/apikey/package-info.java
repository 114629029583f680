/**
 * API keys: {@link org.entente.platform.apikey.ApiKeyService} (create with a secret shown once, list, revoke) and
 * {@link org.entente.platform.apikey.ApiKeyView}. Exposed to the back office, whose administration pages manage keys
 * through the same service as the admin API. Storage and secret hashing stay package-private.
 */
@org.springframework.modulith.NamedInterface("apikey")
package org.entente.platform.apikey;
