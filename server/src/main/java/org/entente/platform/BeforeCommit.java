package org.entente.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects what a module learns during a transaction (domain events of other modules) and hands it over once, just
 * before the commit: one pass for all of them, so that a batch costs a few batched statements, not a few per event.
 * If the pass fails, the transaction fails with it.
 */
public final class BeforeCommit {

    private BeforeCommit() {
    }

    /**
     * Adds {@code item} to what {@code owner} collects in the current transaction; the first item registers
     * {@code pass}, called with all of them, in order, before the commit.
     *
     * @throws IllegalStateException outside a transaction
     */
    public static <T> void collect(Object owner, T item, Consumer<List<T>> pass) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("domain events are published inside a transaction");
        }
        @SuppressWarnings("unchecked")
        List<T> pending = (List<T>) TransactionSynchronizationManager.getResource(owner);
        if (pending == null) {
            List<T> items = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(owner, items);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    TransactionSynchronizationManager.unbindResource(owner);
                    pass.accept(items);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(owner);
                }
            });
            pending = items;
        }
        pending.add(item);
    }
}
