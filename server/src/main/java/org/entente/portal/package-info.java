/**
 * The customer portal ({@code /me}): customers sign in with a single-use link sent by email (no password), and see
 * and steer what Entente holds on them: their loyalty in words, every control of their contact preferences (saved and
 * in force at once), their consent history, a download of their data and a request to erase it. It works on the
 * other modules' public APIs only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Portal")
package org.entente.portal;
