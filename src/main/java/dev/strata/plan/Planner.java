package dev.strata.plan;

import static dev.strata.plan.Units.bytes;
import static dev.strata.plan.Units.number;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan's arithmetic, from load figures and per-instance capacity to a tier and its sizes. Every quantity is
 * recorded as a {@link Step} with the formula that produced it.
 *
 * <p>Tier thresholds: <b>hundreds</b> when there are at most {@value #HUNDREDS_MAX_USERS} users and one process
 * carries the peak (requests and synchronous writes) at the target utilization; <b>thousands</b> when there are at
 * most {@value #THOUSANDS_MAX_USERS} users and one PostgreSQL carries the peak writes, the cache-missing reads and
 * the metadata; <b>millions</b> otherwise.
 */
public final class Planner {
    static final long HUNDREDS_MAX_USERS = 1_000;
    static final long THOUSANDS_MAX_USERS = 250_000;
    private static final double SECONDS_PER_DAY = 86_400;
    /** Extra pods a rolling update may run at once (maxSurge 25%), each opening its own pools. */
    private static final double SURGE = 0.25;
    /** Replicas below which a replicated tier loses availability during a restart. */
    private static final int MIN_REPLICAS = 2;
    /** Fewest connections a process keeps per database: one for a request, one for housekeeping. */
    private static final int MIN_POOL = 2;
    /** Rows, keys, versions, timestamps and the primary-key index on top of the record values. */
    private static final double RECORD_STORAGE_OVERHEAD = 2.0;
    private static final long MIN_CACHE_BYTES = 16L << 20;
    private static final long MAX_NEAR_CACHE_BYTES = 64L << 20;
    /** Partitions per worker, so autoscaled workers (up to twice the plan) still each own a partition. */
    private static final int PARTITIONS_PER_WORKER = 2;
    private static final double GIB = 1L << 30;

    private final CapacityFigures f;
    private final List<Step> steps = new ArrayList<>();

    private Planner(CapacityFigures figures) {
        this.f = figures;
    }

    public static CapacityPlan plan(PlanInputs in, CapacityFigures figures) {
        return new Planner(figures).compute(in);
    }

    private CapacityPlan compute(PlanInputs in) {
        double u = f.targetUtilization();
        double peak = step("peak requests/s", number(in.users()) + " users x " + number(in.requestsPerUserPerDay())
                + " req/day / 86,400 s x peak " + number(in.peakFactor()),
                in.users() * in.requestsPerUserPerDay() / SECONDS_PER_DAY * in.peakFactor());
        double reads = step("peak reads/s", number(peak) + " x read ratio " + number(in.readRatio()), peak * in.readRatio());
        double writes = step("peak writes/s", number(peak) + " x " + number(1 - in.readRatio()), peak - reads);
        double dbReads = step("reads reaching the database/s", number(reads) + " x cache miss ratio " + number(f.cacheMissRatio()),
                reads * f.cacheMissRatio());
        long recordBytes = (long) step("record storage", number(in.users()) + " users x " + number(in.recordsPerUser())
                + " records x " + bytes(in.recordBytes()) + " x overhead " + number(RECORD_STORAGE_OVERHEAD),
                (double) in.users() * in.recordsPerUser() * in.recordBytes() * RECORD_STORAGE_OVERHEAD, bytes(
                (double) in.users() * in.recordsPerUser() * in.recordBytes() * RECORD_STORAGE_OVERHEAD));
        long blobBytes = (long) step("blob storage", number(in.users()) + " users x " + bytes(in.blobBytesPerUser()),
                (double) in.users() * in.blobBytesPerUser(), bytes((double) in.users() * in.blobBytesPerUser()));

        Tier tier = chooseTier(in, peak, writes, dbReads, recordBytes);
        int api = tier == Tier.HUNDREDS ? 1 : Math.max(MIN_REPLICAS, (int) Math.ceil(
                step("api replicas needed", number(peak) + " / (" + number(f.apiRequestsPerSecond()) + " per replica x "
                        + number(u) + ")", peak / (f.apiRequestsPerSecond() * u))));
        record("api replicas", tier == Tier.HUNDREDS ? "one process (hundreds tier)" : "max(" + MIN_REPLICAS + ", ceil(needed))", api);
        int workers = tier == Tier.MILLIONS ? Math.max(MIN_REPLICAS, (int) Math.ceil(writes / (f.workerWritesPerSecond() * u))) : 0;
        record("worker replicas", tier == Tier.MILLIONS ? "max(" + MIN_REPLICAS + ", ceil(" + number(writes) + " / ("
                + number(f.workerWritesPerSecond()) + " x " + number(u) + ")))" : "none: writes are synchronous", workers);
        int shards = shards(tier, writes, dbReads, recordBytes);
        int processes = tier == Tier.HUNDREDS ? 1 : (int) Math.ceil((api + workers) * (1 + SURGE));
        int pool = 0;
        int maxConnections = 0;
        if (tier != Tier.HUNDREDS) {
            record("processes per shard", "ceil((" + api + " api + " + workers + " workers) x (1 + surge " + SURGE + "))", processes);
            int fairShare = (f.postgresMaxConnections() - f.reservedConnections()) / processes;
            pool = Math.max(MIN_POOL, fairShare);
            record("pool per process per shard", "max(" + MIN_POOL + ", floor((max_connections " + f.postgresMaxConnections()
                    + " - reserved " + f.reservedConnections() + ") / " + processes + "))", pool);
            maxConnections = Math.max(f.postgresMaxConnections(), processes * pool + f.reservedConnections());
            record("max_connections per shard", "max(" + f.postgresMaxConnections() + ", " + processes + " x " + pool + " + "
                    + f.reservedConnections() + ")" + (fairShare < MIN_POOL ? ": raise it, or put PgBouncer in front" : ""),
                    maxConnections);
        }
        int budget = tier == Tier.HUNDREDS ? 0 : maxConnections - f.reservedConnections();
        if (tier != Tier.HUNDREDS) {
            steps.add(new Step("connection budget per shard", processes + " processes x pool " + pool + " = " + processes * pool
                    + " <= max_connections " + maxConnections + " - reserved " + f.reservedConnections(), Integer.toString(budget)));
        }
        double hotBytes = step("hot data", number(in.users()) + " users x " + number(in.recordsPerUser()) + " records x "
                + bytes(in.recordBytes()) + " x hot " + number(in.hotFraction()),
                (double) in.users() * in.recordsPerUser() * in.recordBytes() * in.hotFraction(),
                bytes((double) in.users() * in.recordsPerUser() * in.recordBytes() * in.hotFraction()));
        long cache = Math.max(MIN_CACHE_BYTES, (long) (hotBytes * in.cacheFraction()));
        steps.add(new Step("cache size", "max(" + bytes(MIN_CACHE_BYTES) + ", " + bytes(hotBytes) + " x " + number(in.cacheFraction())
                + ")" + (tier == Tier.HUNDREDS ? " in Caffeine" : " in Redis"), bytes(cache)));
        long near = tier == Tier.HUNDREDS ? cache : Math.min(cache, MAX_NEAR_CACHE_BYTES);
        if (tier != Tier.HUNDREDS) {
            steps.add(new Step("near-cache per replica", "min(cache, " + bytes(MAX_NEAR_CACHE_BYTES) + ")", bytes(near)));
        }
        int partitions = tier == Tier.MILLIONS ? Math.max(PARTITIONS_PER_WORKER * workers,
                (int) Math.ceil(writes / (f.kafkaPartitionWritesPerSecond() * u))) : 0;
        record("Kafka partitions", tier == Tier.MILLIONS ? "max(" + PARTITIONS_PER_WORKER + " x " + workers + " workers, ceil("
                + number(writes) + " / (" + number(f.kafkaPartitionWritesPerSecond()) + " x " + number(u) + ")))"
                : "none: writes are synchronous", partitions);
        if (shards > 1) {
            steps.add(new Step("record storage per shard", bytes(recordBytes) + " / " + shards, bytes((double) recordBytes / shards)));
        }
        return new CapacityPlan(tier, api, workers, shards, maxConnections, budget, processes, pool, cache, near, partitions,
                recordBytes, blobBytes, List.copyOf(steps));
    }

    private Tier chooseTier(PlanInputs in, double peak, double writes, double dbReads, long recordBytes) {
        double u = f.targetUtilization();
        boolean oneProcess = in.users() <= HUNDREDS_MAX_USERS && peak <= f.apiRequestsPerSecond() * u
                && writes <= f.syncWritesPerSecond() * u;
        steps.add(new Step("hundreds?", "users <= " + number(HUNDREDS_MAX_USERS) + ", " + number(peak) + " <= "
                + number(f.apiRequestsPerSecond()) + " x " + number(u) + ", " + number(writes) + " writes <= "
                + number(f.syncWritesPerSecond()) + " x " + number(u), oneProcess ? "yes" : "no"));
        if (oneProcess) {
            return Tier.HUNDREDS;
        }
        boolean oneDatabase = in.users() <= THOUSANDS_MAX_USERS && writes <= f.postgresWritesPerSecond() * u
                && dbReads <= f.postgresReadsPerSecond() * u && recordBytes <= f.maxDatabaseGibibytes() * GIB;
        steps.add(new Step("thousands?", "users <= " + number(THOUSANDS_MAX_USERS) + ", " + number(writes) + " writes <= "
                + number(f.postgresWritesPerSecond()) + " x " + number(u) + ", " + number(dbReads) + " reads <= "
                + number(f.postgresReadsPerSecond()) + " x " + number(u) + ", " + bytes(recordBytes) + " <= "
                + number(f.maxDatabaseGibibytes()) + " GiB", oneDatabase ? "yes" : "no"));
        return oneDatabase ? Tier.THOUSANDS : Tier.MILLIONS;
    }

    private int shards(Tier tier, double writes, double dbReads, long recordBytes) {
        if (tier != Tier.MILLIONS) {
            record("PostgreSQL shards", tier == Tier.HUNDREDS ? "none: embedded H2" : "one database", tier == Tier.HUNDREDS ? 0 : 1);
            return tier == Tier.HUNDREDS ? 0 : 1;
        }
        double u = f.targetUtilization();
        int byWrites = (int) Math.ceil(writes / (f.postgresWritesPerSecond() * u));
        int byReads = (int) Math.ceil(dbReads / (f.postgresReadsPerSecond() * u));
        int bySize = (int) Math.ceil(recordBytes / (f.maxDatabaseGibibytes() * GIB));
        int shards = Math.max(MIN_REPLICAS, Math.max(byWrites, Math.max(byReads, bySize)));
        record("PostgreSQL shards", "max(" + MIN_REPLICAS + ", writes " + byWrites + ", reads " + byReads + ", size " + bySize
                + ") = max(2, ceil(" + number(writes) + " / (" + number(f.postgresWritesPerSecond()) + " x " + number(u)
                + ")), ceil(" + number(dbReads) + " / (" + number(f.postgresReadsPerSecond()) + " x " + number(u) + ")), ceil("
                + bytes(recordBytes) + " / " + number(f.maxDatabaseGibibytes()) + " GiB))", shards);
        return shards;
    }

    private double step(String quantity, String arithmetic, double value) {
        return step(quantity, arithmetic, value, number(value));
    }

    private double step(String quantity, String arithmetic, double value, String shown) {
        steps.add(new Step(quantity, arithmetic, shown));
        return value;
    }

    private void record(String quantity, String arithmetic, int value) {
        steps.add(new Step(quantity, arithmetic, Integer.toString(value)));
    }
}
