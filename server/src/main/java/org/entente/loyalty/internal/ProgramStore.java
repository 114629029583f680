package org.entente.loyalty.internal;

import org.entente.loyalty.Program;
import org.entente.platform.Actor;
import org.entente.platform.AfterCommit;
import org.entente.platform.ProblemException;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.entente.loyalty.db.Tables.LOYALTY_PROGRAM;

/**
 * The program in force: the highest saved version, compiled once and kept in memory. Another node's save is seen
 * within {@link #REFRESH}; this node's as soon as it is committed.
 */
@Component
public class ProgramStore implements org.springframework.beans.factory.InitializingBean {

    static final Duration REFRESH = Duration.ofSeconds(5);

    private final DSLContext db;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    private record Loaded(CompiledProgram program, Instant at) {
    }

    ProgramStore(DSLContext db, JsonMapper json, Clock clock, TransactionTemplate transactions) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
    }

    public CompiledProgram current() {
        Loaded now = loaded.get();
        // The system clock, not the injected one: tests move that one by months.
        if (now != null && Duration.between(now.at(), Instant.now()).compareTo(REFRESH) < 0) {
            return now.program();
        }
        CompiledProgram program = latest().orElseThrow(() -> new IllegalStateException("no loyalty program saved"));
        return keep(program).program();
    }

    /**
     * Saves {@link Program#defaults()} as version 1 if no program was ever saved: at start-up, so that reading the
     * program never writes. Several nodes starting at once save it once.
     */
    @Override
    public void afterPropertiesSet() {
        transactions.executeWithoutResult(status -> db.insertInto(LOYALTY_PROGRAM)
                .set(LOYALTY_PROGRAM.VERSION, 1)
                .set(LOYALTY_PROGRAM.DEFINITION, json.writeValueAsString(Program.defaults()
                        .saved(1, clock.instant(), Actor.system().name())))
                .set(LOYALTY_PROGRAM.CREATED_AT, clock.instant())
                .set(LOYALTY_PROGRAM.CREATED_BY, Actor.system().name())
                .onConflictDoNothing()
                .execute());
    }

    /**
     * Keeps the newer of the program in memory and {@code program}: a read that began before another thread saved
     * a version must not put the older one back.
     */
    private Loaded keep(CompiledProgram program) {
        Loaded fresh = new Loaded(program, Instant.now());
        return loaded.accumulateAndGet(fresh, (held, candidate) -> held != null
                && held.program().version() > candidate.program().version() ? held : candidate);
    }

    private Optional<CompiledProgram> latest() {
        return db.select(LOYALTY_PROGRAM.DEFINITION).from(LOYALTY_PROGRAM)
                .orderBy(LOYALTY_PROGRAM.VERSION.desc()).limit(1)
                .fetchOptional(LOYALTY_PROGRAM.DEFINITION)
                .map(text -> new CompiledProgram(json.readValue(text, Program.class)));
    }

    /**
     * Saves a validated definition as the next version, in the caller's transaction.
     *
     * @throws ProblemException.Conflict when another version was saved since {@code basedOn}, or concurrently
     */
    public Program save(Program definition, Integer basedOn, String by) {
        int current = db.select(org.jooq.impl.DSL.max(LOYALTY_PROGRAM.VERSION)).from(LOYALTY_PROGRAM)
                .fetchOptional(0, Integer.class).orElse(0);
        if (basedOn != null && basedOn != current) {
            throw ProblemException.Conflict.coded("stale_program", "problem.loyalty.staleProgram", basedOn, current);
        }
        Instant now = clock.instant();
        Program saved = definition.saved(current + 1, now, by);
        int inserted = db.insertInto(LOYALTY_PROGRAM)
                .set(LOYALTY_PROGRAM.VERSION, current + 1)
                .set(LOYALTY_PROGRAM.DEFINITION, json.writeValueAsString(saved))
                .set(LOYALTY_PROGRAM.CREATED_AT, now)
                .set(LOYALTY_PROGRAM.CREATED_BY, by)
                .onConflictDoNothing()
                .execute();
        if (inserted == 0) {
            throw ProblemException.Conflict.coded("stale_program", "problem.loyalty.staleProgram", current,
                    current + 1);
        }
        CompiledProgram compiled = new CompiledProgram(saved);
        AfterCommit.run(() -> keep(compiled));
        return saved;
    }
}
