package dev.strata.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Per-instance capacity, the planner's divisors. Defaults ship in {@code capacity-defaults.json}; a benchmark run
 * writes the figures it measured to {@code bench/results/capacity.json}, which override the defaults one by one.
 * {@link #measured} names the figures that came from a measurement; the others are assumptions.
 *
 * @param measuredOn                    where the figures come from (a run's date and machine, or "shipped defaults")
 * @param measured                      the figures below that were measured rather than assumed
 * @param apiRequestsPerSecond          mixed record requests one api process serves (pinned to one core)
 * @param cachedReadsPerSecond          cached record GETs one process serves
 * @param syncWritesPerSecond           synchronous record PUTs one hundreds-tier process (H2) serves
 * @param postgresReadsPerSecond        primary-key reads one PostgreSQL serves ({@code pgbench -S})
 * @param postgresWritesPerSecond       single-row upserts one PostgreSQL commits
 * @param workerWritesPerSecond         queued writes one worker applies
 * @param kafkaPartitionWritesPerSecond writes one Kafka partition takes comfortably
 * @param cacheMissRatio                reads that miss a cache holding 25% of the hot keys (Caffeine, Zipf 0.99)
 * @param idleRssMegabytes              resident memory of an idle process
 * @param postgresMaxConnections        PostgreSQL's {@code max_connections} per database or shard
 * @param reservedConnections           connections kept for superusers, migrations and operators
 * @param maxDatabaseGibibytes          metadata one database or shard should hold
 * @param targetUtilization             share of a measured capacity a plan may use (headroom for peaks and noise)
 */
public record CapacityFigures(
        String measuredOn,
        List<String> measured,
        double apiRequestsPerSecond,
        double cachedReadsPerSecond,
        double syncWritesPerSecond,
        double postgresReadsPerSecond,
        double postgresWritesPerSecond,
        double workerWritesPerSecond,
        double kafkaPartitionWritesPerSecond,
        double cacheMissRatio,
        double idleRssMegabytes,
        int postgresMaxConnections,
        int reservedConnections,
        double maxDatabaseGibibytes,
        double targetUtilization) {

    private static final String DEFAULTS = "/capacity-defaults.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public CapacityFigures {
        measured = measured == null ? List.of() : List.copyOf(measured);
        if (targetUtilization <= 0 || targetUtilization > 1) {
            throw new ConfigException("targetUtilization: must be in (0, 1], got " + targetUtilization);
        }
        if (postgresMaxConnections <= reservedConnections) {
            throw new ConfigException("postgresMaxConnections: must exceed reservedConnections");
        }
    }

    /** The figures shipped in the jar. */
    public static CapacityFigures defaults() {
        try (InputStream in = CapacityFigures.class.getResourceAsStream(DEFAULTS)) {
            return JSON.readValue(in, CapacityFigures.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS + " from the jar", e);
        }
    }

    /** The defaults with every figure the file states put over them; {@code measuredOn} and {@code measured} come from the file. */
    public static CapacityFigures defaultsOverriddenBy(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigException("--capacity " + file + ": no such file");
        }
        try {
            ObjectNode merged = JSON.valueToTree(defaults());
            JSON.readerForUpdating(merged).readValue(file.toFile());
            return JSON.treeToValue(merged, CapacityFigures.class);
        } catch (IOException e) {
            throw new ConfigException("--capacity " + file + ": not a capacity file (" + e.getMessage() + ")");
        }
    }

    boolean isMeasured(String figure) {
        return measured.contains(figure);
    }
}
