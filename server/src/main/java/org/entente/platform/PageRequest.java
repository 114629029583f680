package org.entente.platform;

/** Limits of list endpoints: {@code ?limit=} defaults to 50 and may not exceed 200. */
public final class PageRequest {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private PageRequest() {
    }
}
