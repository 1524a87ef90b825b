package dev.strata.bench.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Writes {@code capacity.json}: the per-instance figures {@code strata plan} reads, taken from this run's
 * medians. Only figures that were measured are written; the planner keeps its shipped default for the rest.
 */
final class CapacityFile {
    /** A planner figure and where in the run it comes from. */
    private record Source(String figure, String scenario, String side, String metric) {
    }

    private static final List<Source> SOURCES = List.of(
            new Source("apiRequestsPerSecond", "mixed-zipf", "subject", "rps"),
            new Source("cachedReadsPerSecond", "cached-get", "subject", "rps"),
            new Source("syncWritesPerSecond", "h2-put", "subject", "rps"),
            new Source("postgresReadsPerSecond", "pg-get", "baseline", "rps"),
            new Source("postgresWritesPerSecond", "pg-put", "baseline", "rps"),
            new Source("workerWritesPerSecond", "queued-put", "subject", "worker_wps"),
            new Source("kafkaPartitionWritesPerSecond", "kafka-producer", "baseline", "rps"),
            new Source("idleRssMegabytes", "startup-restart", "subject", "rss_mb"));

    private CapacityFile() {
    }

    static void write(Path json, String measuredOn, Measurements m) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("measuredOn", measuredOn);
        ArrayNode measured = root.putArray("measured");
        for (Source s : SOURCES) {
            OptionalDouble v = m.median(s.scenario(), s.side(), s.metric());
            if (v.isPresent()) {
                root.put(s.figure(), Math.round(v.getAsDouble()));
                measured.add(s.figure());
            }
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), root);
    }
}
