package dev.strata.adapter.store.jdbc;

import org.jdbi.v3.core.Handle;

/**
 * A check that runs first inside a user's transaction, e.g. the sharded store's bucket fence. Throwing rolls the
 * transaction back and propagates unchanged.
 */
@FunctionalInterface
public interface TransactionGuard {
    TransactionGuard NONE = handle -> { };

    void enter(Handle handle);
}
