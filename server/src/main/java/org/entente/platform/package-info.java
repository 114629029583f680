/**
 * Platform: what every other module stands on. Security (staff users and roles, API keys with scopes), the audit
 * log, problem+json errors, the clock, i18n and configuration.
 * <p>
 * The public API is the types of this package: {@link org.entente.platform.Scope} and
 * {@link org.entente.platform.RequiresScope} to protect an endpoint, {@link org.entente.platform.AuditLog} to record
 * a sensitive action, {@link org.entente.platform.StaffUsers} to manage back-office accounts,
 * {@link org.entente.platform.ProblemException} and its subclasses to answer a client with a clear 4xx,
 * {@link org.entente.platform.JsonFaults} to say what is wrong with a JSON document the same way everywhere,
 * {@link org.entente.platform.CursorPage}, {@link org.entente.platform.Cursors} and
 * {@link org.entente.platform.PageRequest} for paginated listings, {@link org.entente.platform.Actor#current()} for
 * who is acting, and {@link org.entente.platform.Money} for amounts.
 * <p>
 * Three sub-packages are named interfaces, for the back office's administration pages: {@code staff}
 * ({@link org.entente.platform.staff.StaffUserService}), {@code apikey}
 * ({@link org.entente.platform.apikey.ApiKeyService}) and {@code audit}
 * ({@link org.entente.platform.audit.AuditTrail}). The pages and the admin API use the same services. Everything else
 * in sub-packages is internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.entente.platform;
