package dev.strata.migrate;

import dev.strata.bootstrap.TierStores;
import dev.strata.domain.UserId;
import java.util.Map;

/**
 * One kind of a user's data that a migration copies and verifies. Adding a kind (the millions tier's request
 * state) means adding one implementation to {@link UserParts#all()}.
 */
interface UserPart {

    /** Plural noun for reports: "records", "blobs". */
    String name();

    /** Copies the user's rows of this kind from source to target; running it again changes nothing. */
    void copy(UserId user, TierStores source, TierStores target, Progress progress);

    /**
     * Item id to a checksum of everything about the item that must survive a migration; computed the same way
     * on source and target, and from what is actually stored (blob bytes are read back).
     */
    Map<String, String> checksums(UserId user, TierStores stores);
}
