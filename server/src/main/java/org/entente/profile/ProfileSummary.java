package org.entente.profile;

import java.util.List;
import java.util.UUID;

/** A search hit: enough to tell two persons apart before opening one. */
public record ProfileSummary(UUID id, String firstName, String lastName, Lifecycle lifecycle,
                             List<Identifier> identifiers) {
}
