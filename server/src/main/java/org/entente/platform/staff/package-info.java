/**
 * Staff users: {@link org.entente.platform.staff.StaffUserService} (create, list, change roles and the enabled flag,
 * reset a password) and {@link org.entente.platform.staff.StaffUserView}. Exposed to the back office, whose
 * administration pages manage staff through the same service as the admin API.
 */
@org.springframework.modulith.NamedInterface("staff")
package org.entente.platform.staff;
