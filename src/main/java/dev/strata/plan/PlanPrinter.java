package dev.strata.plan;

import static dev.strata.plan.Units.bytes;

import java.io.PrintWriter;

/** Writes a plan for people: the recommendation first, then every line of arithmetic, then the figures' origin. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(CapacityPlan plan, CapacityFigures figures, PrintWriter out) {
        out.printf("Recommended tier: %s (config/tier-%s.yaml)%n", plan.tier().id(), plan.tier().id());
        out.printf("  api replicas        %d%n", plan.apiReplicas());
        out.printf("  worker replicas     %d%n", plan.workerReplicas());
        out.printf("  PostgreSQL shards   %d%n", plan.shards());
        if (plan.shards() > 0) {
            out.printf("  connections/shard   %d processes x pool %d = %d <= budget %d (max_connections %d)%n",
                    plan.processesPerShard(), plan.poolPerProcess(), plan.processesPerShard() * plan.poolPerProcess(),
                    plan.connectionBudget(), plan.maxConnections());
        }
        out.printf("  cache               %s (near-cache %s per replica)%n", bytes(plan.cacheBytes()), bytes(plan.nearCacheBytes()));
        out.printf("  Kafka partitions    %d%n", plan.kafkaPartitions());
        out.printf("  storage             records %s, blobs %s%n", bytes(plan.recordBytes()), bytes(plan.blobBytes()));
        out.println();
        out.println("Arithmetic:");
        int width = plan.steps().stream().mapToInt(s -> s.quantity().length()).max().orElse(0);
        for (Step s : plan.steps()) {
            out.printf("  %-" + width + "s  %s = %s%n", s.quantity(), s.arithmetic(), s.result());
        }
        out.println();
        out.println("Per-instance figures: " + figures.measuredOn());
        out.println("  measured: " + (figures.measured().isEmpty() ? "none (shipped defaults)" : String.join(", ", figures.measured())));
        out.println("  every other figure is an assumption from capacity-defaults.json (see docs/planning.md)");
        out.flush();
    }
}
