package dev.strata.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.CacheConfig;
import dev.strata.config.StoreConfig;
import dev.strata.config.TierConfig;
import dev.strata.config.TierConfigLoader;
import dev.strata.config.WritesConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TierFileEmitterTest {
    private static final TierConfigLoader LOADER = TierConfigLoader.fromMap(Map.of(
            "STRATA_JWT_SECRET", "a-secret-of-at-least-thirty-two-bytes!",
            "STRATA_SHARD_URLS", "jdbc:postgresql://127.0.0.1:5432/s0,jdbc:postgresql://127.0.0.1:5432/s1"));

    private static TierConfig emitAndLoad(CapacityPlan plan) {
        return LOADER.parse(TierFileEmitter.tierFile(plan), "emitted");
    }

    @Test
    void hundredsPlan_loads_withItsCacheSize() {
        CapacityPlan plan = Planner.plan(PlannerTest.users(500), PlannerTest.FIGURES);

        TierConfig tier = emitAndLoad(plan);

        assertThat(tier.tier()).isEqualTo("hundreds");
        assertThat(tier.store()).isInstanceOf(StoreConfig.H2.class);
        assertThat(((CacheConfig.Caffeine) tier.cache()).maxBytes().bytes()).isEqualTo(plan.cacheBytes());
        assertThat(tier.writes()).isInstanceOf(WritesConfig.Sync.class);
    }

    @Test
    void thousandsPlan_loads_withItsConnectionBudgetAndReplicas() {
        CapacityPlan plan = Planner.plan(PlannerTest.users(50_000), PlannerTest.FIGURES);

        TierConfig tier = emitAndLoad(plan);

        StoreConfig.Postgres store = (StoreConfig.Postgres) tier.store();
        assertThat(store.connectionBudget()).isEqualTo(plan.connectionBudget());
        assertThat(store.replicas()).isEqualTo(plan.processesPerShard());
        assertThat(((CacheConfig.TwoLevel) tier.cache()).nearMaxBytes().bytes()).isEqualTo(plan.nearCacheBytes());
    }

    @Test
    void millionsPlan_loads_shardedAndQueued() {
        CapacityPlan plan = Planner.plan(PlannerTest.users(5_000_000), PlannerTest.FIGURES);

        TierConfig tier = emitAndLoad(plan);

        StoreConfig.Sharded store = (StoreConfig.Sharded) tier.store();
        assertThat(store.connectionBudget()).isEqualTo(plan.connectionBudget());
        assertThat(store.replicas()).isEqualTo(plan.processesPerShard());
        assertThat(tier.writes()).isInstanceOf(WritesConfig.Queued.class);
    }
}
