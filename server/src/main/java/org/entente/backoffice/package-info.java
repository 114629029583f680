/**
 * The back office: the pages the brand's staff work in, server-rendered (Thymeleaf and htmx) on the other modules'
 * public APIs only. So far: the home page with the last 30 days as charts, finding a person as one types, and the 360°
 * view of a person with their filtered timeline.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Back office")
package org.entente.backoffice;
