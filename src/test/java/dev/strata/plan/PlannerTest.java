package dev.strata.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    /** Round figures so every expectation below can be checked by hand. */
    static final CapacityFigures FIGURES = new CapacityFigures("test figures", List.of(), 1000, 2000, 500, 10_000, 2000,
            1000, 5000, 0.1, 250, 100, 10, 500, 0.5);

    static PlanInputs users(long users) {
        return new PlanInputs(users, 200, 5, 1024, 100, 10 << 20, 0.9, 0.2, 0.25);
    }

    @Test
    void fewUsers_fitOneProcess_hundredsTier() {
        CapacityPlan plan = Planner.plan(users(500), FIGURES);

        assertThat(plan.tier()).isEqualTo(Tier.HUNDREDS);
        assertThat(plan.apiReplicas()).isEqualTo(1);
        assertThat(plan.workerReplicas()).isZero();
        assertThat(plan.shards()).isZero();
        assertThat(plan.kafkaPartitions()).isZero();
    }

    @Test
    void hundredsTier_cache_isTheShareOfHotData_withAFloor() {
        // 1000 users x 100 records x 1 KiB x 0.2 hot = 20,480,000 B; x 0.25 = 5,120,000 B < 16 MiB floor
        assertThat(Planner.plan(users(1000), FIGURES).cacheBytes()).isEqualTo(16L << 20);
        PlanInputs big = new PlanInputs(1000, 200, 5, 65_536, 1000, 0, 0.9, 0.5, 0.25);
        // 1000 x 1000 x 64 KiB x 0.5 x 0.25
        assertThat(Planner.plan(big, FIGURES).cacheBytes()).isEqualTo(1000L * 1000 * 65_536 / 2 / 4);
    }

    @Test
    void tensOfThousandsOfUsers_oneDatabase_thousandsTier_withTheConnectionArithmetic() {
        // peak = 50,000 x 200 / 86,400 x 5 = 578.7 req/s -> ceil(578.7 / 500) = 2 api replicas
        CapacityPlan plan = Planner.plan(users(50_000), FIGURES);

        assertThat(plan.tier()).isEqualTo(Tier.THOUSANDS);
        assertThat(plan.apiReplicas()).isEqualTo(2);
        assertThat(plan.shards()).isEqualTo(1);
        assertThat(plan.processesPerShard()).isEqualTo(3);            // ceil(2 x 1.25)
        assertThat(plan.poolPerProcess()).isEqualTo(30);              // floor((100 - 10) / 3)
        assertThat(plan.maxConnections()).isEqualTo(100);
        assertThat(plan.processesPerShard() * plan.poolPerProcess()).isLessThanOrEqualTo(plan.connectionBudget());
        assertThat(plan.kafkaPartitions()).isZero();
    }

    @Test
    void millionsOfUsers_shardsByWrites_queuedWrites_andEnoughConnections() {
        // peak = 5,000,000 x 200 / 86,400 x 5 = 57,870 req/s; writes 5,787/s
        CapacityPlan plan = Planner.plan(users(5_000_000), FIGURES);

        assertThat(plan.tier()).isEqualTo(Tier.MILLIONS);
        assertThat(plan.shards()).isEqualTo(6);                       // ceil(5,787 / (2,000 x 0.5))
        assertThat(plan.apiReplicas()).isEqualTo(116);                // ceil(57,870 / 500)
        assertThat(plan.workerReplicas()).isEqualTo(12);              // ceil(5,787 / 500)
        assertThat(plan.kafkaPartitions()).isEqualTo(24);             // max(2 x 12, ceil(5,787 / 2,500) = 3)
        assertThat(plan.processesPerShard()).isEqualTo(160);          // ceil(128 x 1.25)
        assertThat(plan.poolPerProcess()).isEqualTo(2);               // floor(90 / 160) = 0, raised to the minimum
        assertThat(plan.maxConnections()).isEqualTo(330);             // 160 x 2 + 10
        assertThat(plan.connectionBudget()).isEqualTo(320);
    }

    @Test
    void storageTotals_includeTheRecordOverhead() {
        CapacityPlan plan = Planner.plan(users(50_000), FIGURES);

        assertThat(plan.recordBytes()).isEqualTo(50_000L * 100 * 1024 * 2);
        assertThat(plan.blobBytes()).isEqualTo(50_000L * (10 << 20));
    }

    @Test
    void everyQuantity_showsItsArithmetic() {
        CapacityPlan plan = Planner.plan(users(5_000_000), FIGURES);

        assertThat(plan.steps()).extracting(Step::quantity).contains("peak requests/s", "peak writes/s", "api replicas",
                "worker replicas", "PostgreSQL shards", "pool per process per shard", "max_connections per shard",
                "connection budget per shard", "cache size", "Kafka partitions", "record storage", "blob storage");
        assertThat(plan.steps()).filteredOn(s -> s.quantity().equals("peak requests/s")).singleElement()
                .satisfies(s -> assertThat(s.arithmetic()).contains("5,000,000 users", "86,400"));
    }

    @Test
    void badInputs_nameTheOption() {
        assertThatThrownBy(() -> new PlanInputs(0, 200, 5, 1024, 100, 0, 0.9, 0.2, 0.25))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--users");
        assertThatThrownBy(() -> new PlanInputs(10, 200, 5, 1024, 100, 0, 1.5, 0.2, 0.25))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--read-ratio");
    }
}
