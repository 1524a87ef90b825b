package dev.strata.migrate;

import dev.strata.bootstrap.TierStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One run of {@code strata migrate} between two opened tiers: copies every user the checkpoint does not cover
 * yet, in the source's user order, then verifies every user. Only reads the source. Rerunning after a crash
 * resumes after the last checkpointed user (copying is an upsert, so repeating a user is harmless); rerunning
 * after completion copies nothing and verifies again.
 */
public final class Migration {
    /** A crash repeats at most this much copying; a checkpoint per user would fsync once per user. */
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);

    private final TierStores source;
    private final CheckpointFile checkpoints;
    private final Output output;
    private final List<UserPart> parts = UserParts.all();

    /**
     * Where a run reports: results to {@code out}, the progress bar and mismatches to {@code err}.
     *
     * @param terminal whether {@code err} is a terminal (the progress bar redraws one line in place)
     */
    public record Output(PrintWriter out, PrintWriter err, boolean terminal, Clock clock) {
    }

    public Migration(TierStores source, Path checkpointFile, Output output) {
        this.source = source;
        this.checkpoints = new CheckpointFile(checkpointFile);
        this.output = output;
    }

    /** Prints what a run would copy, reading only the source. */
    public void dryRun() {
        Optional<Checkpoint> checkpoint = checkpoints.read().filter(c -> c.source().equals(StoreLocations.of(source)));
        Survey survey = Survey.of(source.records(), checkpoint.map(Checkpoint::copiedThrough).orElse(null));
        output.out().println("dry run: the source holds " + survey.total());
        if (checkpoint.map(Checkpoint::copyComplete).orElse(false)) {
            output.out().println("dry run: checkpoint " + checkpoints.path() + " says the copy is complete; a run would only verify");
        } else {
            checkpoint.ifPresent(c -> output.out().println("dry run: checkpoint " + checkpoints.path() + " covers "
                    + survey.copied() + " through user " + c.copiedThrough()));
            output.out().println("dry run: would copy " + survey.remaining() + ", then verify every user; nothing was changed");
        }
    }

    /** Copies what is left and verifies everything; true when the target matches the source exactly. */
    public boolean run(TierStores target) {
        Checkpoint checkpoint = checkpoints.read().orElse(Checkpoint.start(StoreLocations.of(source), StoreLocations.of(target)));
        if (!checkpoint.source().equals(StoreLocations.of(source)) || !checkpoint.target().equals(StoreLocations.of(target))) {
            throw new IllegalStateException("checkpoint " + checkpoints.path() + " belongs to a migration from "
                    + checkpoint.source() + " to " + checkpoint.target() + "; delete it to start this one");
        }
        Survey survey = Survey.of(source.records(), checkpoint.copiedThrough());
        output.out().println("source holds " + survey.total());
        if (checkpoint.copyComplete()) {
            output.out().println("copy already complete (checkpoint " + checkpoints.path() + "); verifying again");
        } else {
            copy(target, checkpoint, survey);
        }
        long started = output.clock().millis();
        Progress progress = new Progress("verify", survey.total(), Totals.NONE, output.err(), output.terminal(), output.clock());
        Mismatches mismatches = new Verification(source, target, parts).run(progress);
        progress.finish();
        mismatches.print(output.err());
        String took = Progress.duration(Duration.ofMillis(output.clock().millis() - started));
        if (mismatches.count() > 0) {
            output.out().println("verification failed: " + mismatches.count() + " mismatches (" + took + ")");
            return false;
        }
        output.out().println("verified " + survey.total() + ": identical in the target (" + took + ")");
        return true;
    }

    private void copy(TierStores target, Checkpoint from, Survey survey) {
        if (StoreLocations.sameBlobStore(source.blobs(), target.blobs())) {
            output.out().println("source and target share the blob store " + StoreLocations.blobs(target.blobs())
                    + ": blob bytes stay where they are, only their metadata is copied");
        }
        if (from.copiedThrough() != null) {
            output.out().println("resuming after user " + from.copiedThrough() + " (" + survey.copied() + " copied before)");
        }
        long started = output.clock().millis();
        Progress progress = new Progress("copy", survey.total(), survey.copied(), output.err(), output.terminal(), output.clock());
        Checkpoint[] checkpoint = {from};
        long[] savedAt = {started};
        Users.forEach(source.records(), from.copiedThrough(), user -> {
            parts.forEach(part -> part.copy(user, source, target, progress));
            progress.add(new Totals(1, 0, 0, 0));
            checkpoint[0] = checkpoint[0].copied(user.value());
            if (output.clock().millis() - savedAt[0] >= CHECKPOINT_EVERY.toMillis()) {
                checkpoints.save(checkpoint[0]);
                savedAt[0] = output.clock().millis();
            }
        });
        checkpoints.save(checkpoint[0].complete());
        progress.finish();
        output.out().println("copied " + survey.remaining() + " in "
                + Progress.duration(Duration.ofMillis(output.clock().millis() - started)));
    }

}
