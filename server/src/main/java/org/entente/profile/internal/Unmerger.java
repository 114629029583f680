package org.entente.profile.internal;

import org.entente.platform.Actor;
import org.entente.platform.ProblemException;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.entente.profile.db.Tables.PROFILE_MERGE;
import static org.entente.profile.db.Tables.PROFILE_PERSON;
import static org.entente.profile.db.Tables.PROFILE_SEPARATION;

/**
 * Undoes a merge: the person gets back its own record, with the identifiers and events it came with and the
 * persons that had been merged into it. Nothing else is rewritten. The two are then kept apart: an event naming both
 * later is recorded as a conflict ({@code kept_apart}), not merged again.
 */
@Component
public class Unmerger {

    private final DSLContext db;
    private final PersonWrites rows;
    private final Clock clock;

    Unmerger(DSLContext db, PersonWrites rows, Clock clock) {
        this.db = db;
        this.rows = rows;
        this.clock = clock;
    }

    /** @return the root the person was merged into */
    public UUID unmerge(UUID personId, Actor actor) {
        for (int round = 0; round < 8; round++) {
            var person = db.selectFrom(PROFILE_PERSON).where(PROFILE_PERSON.ID.eq(personId)).fetchOptional()
                    .orElseThrow(() -> new ProblemException.NotFound("problem.profile.notFound", personId));
            if (person.getMergedInto() == null) {
                throw new ProblemException.Conflict("problem.profile.notMerged", personId);
            }
            UUID root = person.getSurvivorId();
            List<PersonState> locked = rows.lock(List.of(root));
            if (locked.isEmpty() || !locked.getFirst().isRoot()) {
                continue; // merged or unmerged meanwhile: read again
            }
            Map<UUID, UUID> parents = new HashMap<>();
            db.select(PROFILE_PERSON.ID, PROFILE_PERSON.MERGED_INTO).from(PROFILE_PERSON)
                    .where(PROFILE_PERSON.SURVIVOR_ID.eq(root))
                    .forEach(row -> parents.put(row.value1(), row.value2()));
            if (!parents.containsKey(personId) || parents.get(personId) == null) {
                continue;
            }
            Set<UUID> subtree = descendants(personId, parents);
            db.update(PROFILE_MERGE).set(PROFILE_MERGE.UNMERGED_AT, clock.instant())
                    .set(PROFILE_MERGE.UNMERGED_BY, actor.name())
                    .where(PROFILE_MERGE.MERGED_ID.eq(personId).and(PROFILE_MERGE.UNMERGED_AT.isNull()))
                    .execute();
            db.update(PROFILE_PERSON).setNull(PROFILE_PERSON.MERGED_INTO).where(PROFILE_PERSON.ID.eq(personId))
                    .execute();
            db.update(PROFILE_PERSON).set(PROFILE_PERSON.SURVIVOR_ID, personId)
                    .where(PROFILE_PERSON.ID.in(subtree)).execute();
            // Staff said these are two people: an event naming both later records a conflict, not a merge.
            for (UUID[] pair : List.of(new UUID[]{personId, root}, new UUID[]{root, personId})) {
                db.insertInto(PROFILE_SEPARATION).set(PROFILE_SEPARATION.PERSON_ID, pair[0])
                        .set(PROFILE_SEPARATION.OTHER_ID, pair[1]).set(PROFILE_SEPARATION.CREATED_AT, clock.instant())
                        .onConflictDoNothing().execute();
            }
            return root;
        }
        throw new org.springframework.dao.CannotAcquireLockException("the group kept changing during the unmerge");
    }

    private static Set<UUID> descendants(UUID top, Map<UUID, UUID> parents) {
        Map<UUID, List<UUID>> children = new HashMap<>();
        parents.forEach((child, parent) -> {
            if (parent != null) {
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(child);
            }
        });
        Set<UUID> found = new HashSet<>();
        Deque<UUID> toVisit = new ArrayDeque<>(List.of(top));
        while (!toVisit.isEmpty()) {
            UUID next = toVisit.pop();
            if (found.add(next)) {
                toVisit.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return found;
    }
}
