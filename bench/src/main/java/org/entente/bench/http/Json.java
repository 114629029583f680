package org.entente.bench.http;

import tools.jackson.databind.json.JsonMapper;

/** The JSON mapper for request and response bodies: thread-safe, shared by every scenario. */
public final class Json {

    /** Writes nulls it is asked to write, ignores properties it does not know, writes instants as ISO-8601. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }
}
