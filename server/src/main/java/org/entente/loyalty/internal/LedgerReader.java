package org.entente.loyalty.internal;

import org.entente.loyalty.LedgerEntry;
import org.entente.platform.CursorPage;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Reads a person's ledger, newest first. */
@Component
public class LedgerReader {

    private final LoyaltyStore store;

    LedgerReader(LoyaltyStore store) {
        this.store = store;
    }

    public CursorPage<LedgerEntry> page(UUID person, String before, int limit) {
        return store.ledger(person, before, limit);
    }
}
