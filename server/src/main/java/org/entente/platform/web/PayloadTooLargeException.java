package org.entente.platform.web;

import java.io.IOException;

/** A request body went past the configured limit while it was being read. */
public final class PayloadTooLargeException extends IOException {

    private final long limit;

    PayloadTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
