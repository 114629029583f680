/**
 * The back office: the pages the brand's staff work in, server-rendered (Thymeleaf and htmx) on the other modules'
 * public APIs only: the home page with the last 30 days as charts; finding a person as one types and the 360° view
 * of a person with their filtered timeline; CSV imports with their progress and refused rows; the configuration of
 * the loyalty program, the offers and the contact policy; and the administration of staff users, API keys and the
 * audit log. What each staff role opens follows its work ({@code StaffAccess}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Back office")
package org.entente.backoffice;
