package dev.strata.migrate;

import dev.strata.domain.Usage;
import dev.strata.domain.UserId;
import dev.strata.port.RecordStore;
import java.util.List;
import java.util.function.Consumer;

/** Walks a store's users in its order, and sizes one user from their usage row. */
final class Users {
    private Users() {
    }

    /** Every user after {@code afterUserId} (null: all), in the store's order. */
    static void forEach(RecordStore store, String afterUserId, Consumer<UserId> action) {
        Pages.forEach(afterUserId, after -> store.listUsers(after, Pages.SIZE), UserId::value,
                (List<UserId> page) -> page.forEach(action));
    }

    static Totals totalsOf(RecordStore store, UserId user) {
        Usage u = store.read(user, data -> data.usage());
        return new Totals(1, u.records(), u.blobs(), u.recordBytes() + u.blobBytes());
    }
}
