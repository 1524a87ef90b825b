package dev.strata.migrate;

/**
 * How far a migration from {@code source} to {@code target} got.
 *
 * @param source         which stores were copied from (URLs, directory or bucket; never secrets)
 * @param target         which stores were copied to
 * @param copiedThrough  the last user, in the source's order, whose data is fully in the target (null: none yet)
 * @param copyComplete   every user is copied; a rerun only verifies
 */
record Checkpoint(String source, String target, String copiedThrough, boolean copyComplete) {

    static Checkpoint start(String source, String target) {
        return new Checkpoint(source, target, null, false);
    }

    Checkpoint copied(String user) {
        return new Checkpoint(source, target, user, false);
    }

    Checkpoint complete() {
        return new Checkpoint(source, target, copiedThrough, true);
    }
}
