package dev.strata.migrate;

import dev.strata.bootstrap.TierStores;
import dev.strata.domain.UserId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares, user by user, the checksum of every item of every part in the source with the target's (blob
 * checksums hash the bytes read back from each store), then looks for users only the target has.
 */
final class Verification {
    private final TierStores source;
    private final TierStores target;
    private final List<UserPart> parts;

    Verification(TierStores source, TierStores target, List<UserPart> parts) {
        this.source = source;
        this.target = target;
        this.parts = parts;
    }

    Mismatches run(Progress progress) {
        Mismatches mismatches = new Mismatches();
        Set<String> sourceUsers = new HashSet<>();
        Users.forEach(source.records(), null, user -> {
            sourceUsers.add(user.value());
            parts.forEach(part -> compare(user, part, mismatches));
            progress.add(Users.totalsOf(source.records(), user));
        });
        Users.forEach(target.records(), null, user -> {
            if (!sourceUsers.contains(user.value())) {
                mismatches.add("user " + user + ": only in the target");
            }
        });
        return mismatches;
    }

    private void compare(UserId user, UserPart part, Mismatches mismatches) {
        Map<String, String> expected = part.checksums(user, source);
        Map<String, String> actual = part.checksums(user, target);
        if (expected.size() != actual.size()) {
            mismatches.add("user " + user + ": " + expected.size() + " " + part.name() + " in the source, "
                    + actual.size() + " in the target");
        }
        expected.forEach((item, checksum) -> {
            String copied = actual.get(item);
            if (copied == null) {
                mismatches.add("user " + user + ": " + part.name() + " '" + item + "' missing in the target");
            } else if (!copied.equals(checksum)) {
                mismatches.add("user " + user + ": " + part.name() + " '" + item + "' differs in the target");
            }
        });
        actual.keySet().stream().filter(item -> !expected.containsKey(item)).forEach(item ->
                mismatches.add("user " + user + ": " + part.name() + " '" + item + "' only in the target"));
    }
}
