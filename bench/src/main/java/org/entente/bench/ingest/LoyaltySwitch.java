package org.entente.bench.ingest;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Objects;
import org.entente.bench.ScenarioAbortedException;
import org.entente.bench.http.ApiClient;
import org.entente.bench.http.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pauses and resumes the server's loyalty program through {@code GET} and {@code PUT /api/v1/loyalty/program},
 * changing nothing but its {@code active} flag, and puts back the flag it found when it is closed.
 *
 * <p>Each change reads the program in force and saves it as read, its {@code version} included, so that a program
 * somebody saved meanwhile is refused (409 {@code stale_program}) rather than overwritten. The node that saves a
 * program applies it at once; other nodes of a cluster follow within seconds, so a run should call one node. Used by
 * one thread, between the slices of a run.
 */
final class LoyaltySwitch implements AutoCloseable {

    static final String PROGRAM_PATH = "/api/v1/loyalty/program";

    private static final String SCOPES = "--compare-loyalty needs a key with the ingest, read and admin scopes";

    private final ApiClient api;
    private final PrintWriter progress;
    private final boolean found;
    private boolean changed;

    private LoyaltySwitch(ApiClient api, PrintWriter progress, boolean found) {
        this.api = Objects.requireNonNull(api, "api");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.found = found;
    }

    /**
     * Reads the program in force and remembers whether it is active.
     *
     * @param progress where to say that the flag was put back
     * @throws ScenarioAbortedException if it cannot be read: no answer, a key without the read scope, a server
     *                                  without loyalty
     */
    static LoyaltySwitch take(ApiClient api, PrintWriter progress) throws InterruptedException {
        return new LoyaltySwitch(api, progress, active(read(api)));
    }

    /** Whether the program was active when this switch was taken. */
    boolean found() {
        return found;
    }

    /**
     * Saves the program in force with {@code active} set, even if it already was: every slice of a run then starts
     * just after a save.
     *
     * @throws ScenarioAbortedException if the server refuses the first save (a key without the admin scope, say):
     *                                  the scenario makes it before sending any load
     * @throws IllegalStateException    if the server refuses a later one
     */
    void set(boolean active) throws InterruptedException {
        try {
            var program = read(api);
            program.put("active", active);
            var request = api.authorizedPut(PROGRAM_PATH, "application/json",
                    BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(program)));
            var saved = program(request, send(api, request));
            if (active(saved) != active) {
                throw new ScenarioAbortedException("PUT " + request.uri() + " saved the program with active "
                        + active(saved) + " instead of " + active);
            }
        } catch (ScenarioAbortedException e) {
            if (!changed) {
                throw e;
            }
            // Load has been sent by now: the run failed rather than could not start.
            throw new IllegalStateException(e.getMessage(), e);
        }
        changed = true;
    }

    /**
     * Saves the program with the flag found when the switch was taken and says so, unless nothing was ever saved.
     *
     * @throws IllegalStateException if the server refuses, saying how to put the flag back by hand
     */
    @Override
    public void close() throws InterruptedException {
        if (!changed) {
            return;
        }
        try {
            set(found);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the loyalty program's active flag could not be set back to " + found
                    + ": save the program with \"active\": " + found + " through PUT " + PROGRAM_PATH + " ("
                    + e.getMessage() + ")", e);
        }
        progress.printf(Locale.ROOT, "the loyalty program is %s again%n", found ? "active" : "paused");
        progress.flush();
    }

    private static ObjectNode read(ApiClient api) throws InterruptedException {
        var request = api.authorizedGet(PROGRAM_PATH);
        return program(request, send(api, request));
    }

    private static HttpResponse<byte[]> send(ApiClient api, HttpRequest request) throws InterruptedException {
        try {
            return api.fetch(request);
        } catch (IOException e) {
            throw new ScenarioAbortedException("cannot reach the server: " + request.method() + " " + request.uri()
                    + " failed with " + e, e);
        }
    }

    /** The program a response carries, with its {@code active} flag checked. */
    private static ObjectNode program(HttpRequest request, HttpResponse<byte[]> response) {
        String target = request.method() + " " + request.uri();
        int status = response.statusCode();
        String answer = target + " answered HTTP " + status + ": " + ApiClient.excerpt(response.body());
        if (status == 401 || status == 403) {
            throw new ScenarioAbortedException(SCOPES + "; " + answer);
        }
        if (status == 404) {
            throw new ScenarioAbortedException("the server has no loyalty program to pause; " + answer);
        }
        if (status != 200) {
            throw new ScenarioAbortedException(answer);
        }
        try {
            if (Json.MAPPER.readTree(response.body()) instanceof ObjectNode program
                    && program.path("active").isBoolean()) {
                return program;
            }
        } catch (JacksonException e) {
            // Not JSON: said below like any other answer that is not a program.
        }
        throw new ScenarioAbortedException(target + " did not answer a program with an active flag: "
                + ApiClient.excerpt(response.body()));
    }

    private static boolean active(JsonNode program) {
        return program.get("active").booleanValue();
    }
}
