package dev.strata.bootstrap;

import dev.strata.api.AdmissionControl;
import dev.strata.api.Dependency;
import dev.strata.api.HttpApi;
import dev.strata.api.Readiness;
import dev.strata.api.RequestPathWarmUp;
import dev.strata.auth.CachingTokenVerifier;
import dev.strata.auth.HmacTokens;
import dev.strata.auth.JwksTokenVerifier;
import dev.strata.auth.TokenVerifier;
import dev.strata.config.AuthConfig;
import dev.strata.config.ConfigException;
import dev.strata.adapter.queue.kafka.KafkaWriteWorker;
import dev.strata.config.ServerConfig;
import dev.strata.config.TierConfig;
import dev.strata.config.WritesConfig;
import dev.strata.domain.NameRules;
import dev.strata.domain.Quotas;
import dev.strata.port.BlobStore;
import dev.strata.port.RateLimiter;
import dev.strata.port.RecordCache;
import dev.strata.port.RecordStore;
import dev.strata.port.WriteQueue;
import dev.strata.service.BlobService;
import dev.strata.service.IdempotencyGuard;
import dev.strata.service.JsonValueRules;
import dev.strata.service.OrphanSweeper;
import dev.strata.service.QueuedWriteApplier;
import dev.strata.service.RecordService;
import dev.strata.service.RequestService;
import dev.strata.service.RequestStatusSweeper;
import dev.strata.service.UserService;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that reads the tier config and chooses implementations. Builds the
 * object graph by hand, starts the HTTP server, and on {@link #close()} drains and closes everything in reverse
 * order of creation.
 */
public final class StrataApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StrataApplication.class);
    private static final Duration ORPHAN_GRACE = Duration.ofHours(1);
    private static final Duration VERIFIED_TOKEN_MAX_AGE = Duration.ofSeconds(60);
    private static final long VERIFIED_TOKENS_HELD = 100_000;
    /** Start-up work that overlaps the stores' opening, each on its own thread: the common pool has one on 2 cores. */
    private static final Executor OWN_THREAD = task -> new Thread(task, "strata-start-up").start();

    private final TierConfig config;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final Readiness readiness = new Readiness();
    private final AdmissionControl admission;
    private final OrphanSweeper orphanSweeper;
    private final HttpApi api;
    private final CompletableFuture<Void> jvmMetrics;

    private StrataApplication(TierConfig config) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // JMX-backed JVM metrics take a noticeable share of start-up; bind them while the stores open
        this.jvmMetrics = CompletableFuture.runAsync(() -> bindJvmMetrics(registry), OWN_THREAD);
        CompletableFuture<Void> webClasses = CompletableFuture.runAsync(RequestPathWarmUp::run, OWN_THREAD);

        TierStores stores = remember(TierStores.open(config, registry));
        RecordStore store = stores.records();
        BlobStore blobs = stores.blobs();
        SharedRedis redis = remember(Adapters.sharedRedis(config));
        RecordCache cache = remember(Adapters.recordCache(config, registry, redis));
        RateLimiter rateLimiter = remember(Adapters.rateLimiter(config, clock, redis, registry));
        WriteQueue queue = remember(Adapters.writeQueue(config, store, clock));

        var limits = config.limits();
        var q = config.quotas();
        Quotas quotas = new Quotas(q.maxRecords(), q.maxRecordBytes().bytes(), q.maxBlobs(), q.maxBlobBytes().bytes());
        ExecutorService keyReleases = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "strata-idempotency-release");
            thread.setDaemon(true);
            return thread;
        });
        closeables.push(keyReleases::shutdown);
        IdempotencyGuard idempotency = new IdempotencyGuard(store, clock, config.idempotency().ttl(),
                config.idempotency().lease(), keyReleases);
        int maxRecordBytes = (int) Math.min(Integer.MAX_VALUE - 1, limits.maxRecordBytes().bytes());
        RecordService records = new RecordService(store, cache, idempotency,
                new JsonValueRules(maxRecordBytes, limits.maxJsonDepth()), quotas, queue, clock);
        BlobService blobService = new BlobService(store, blobs, idempotency, quotas, limits.maxBlobBytes().bytes(), queue,
                clock);
        ServerConfig.Role role = config.server().role();
        if (config.writes() instanceof WritesConfig.Queued queued && role != ServerConfig.Role.API) {
            remember(new KafkaWriteWorker(Adapters.kafkaSettings(queued), new QueuedWriteApplier(store, records,
                    blobService, clock), registry, clock));
        }
        RequestService requests = new RequestService(store, config.writes() instanceof WritesConfig.Queued queued
                ? queued.statusPoll() : Duration.ofMillis(100));
        UserService users = new UserService(store, blobs, cache, quotas);
        this.orphanSweeper = new OrphanSweeper(store, blobs, clock, ORPHAN_GRACE);
        Housekeeping housekeeping = remember(new Housekeeping(orphanSweeper, idempotency));
        if (config.writes() instanceof WritesConfig.Queued queued) {
            // a finished status answers replays of its Idempotency-Key, so it is kept as long as the key would be
            housekeeping.sweepRequestStatuses(new RequestStatusSweeper(store, clock, config.idempotency().ttl(),
                    queued.queuedExpiry()));
        }

        this.admission = new AdmissionControl(config.server().maxConcurrentRequests(),
                config.server().maxConcurrentBlobRequests());
        List<Dependency> dependencies = List.of(Dependency.required("store", store::isHealthy),
                Dependency.degradable("blobs", blobs::isHealthy), Dependency.degradable("queue", queue::isHealthy));
        Instant startedAt = clock.instant();
        webClasses.join();
        this.api = new HttpApi(
                new HttpApi.Services(records, blobService, users, requests, new NameRules(limits.maxKeyBytes()),
                        maxRecordBytes),
                new HttpApi.Edge(role != ServerConfig.Role.WORKER,
                        new CachingTokenVerifier(tokenVerifier(config, clock), clock, VERIFIED_TOKEN_MAX_AGE, VERIFIED_TOKENS_HELD),
                        rateLimiter, admission, readiness,
                        dependencies, () -> topology(store, blobs, cache, queue, startedAt), registry, config.server().idleTimeout(),
                        config.server().drainTimeout()));
    }

    /** Builds everything and starts serving; fails (closing what it opened) when any part cannot start. */
    public static StrataApplication start(TierConfig config) {
        StrataApplication app = new StrataApplication(config);
        try {
            app.api.start(config.server().host(), config.server().port());
            app.closeables.push(app.api::stop);
            app.jvmMetrics.join();
            app.readiness.ready();
            log.info("Strata tier '{}' serving on port {}", config.tier(), app.api.port());
            return app;
        } catch (RuntimeException e) {
            app.closeQuietly();
            throw e;
        }
    }

    /** Checks bearer tokens: the OIDC issuer's keys when the tier names a JWKS URL, else the tier's HS256 secret. */
    private static TokenVerifier tokenVerifier(TierConfig config, Clock clock) {
        AuthConfig auth = config.auth();
        return auth.usesJwks()
                ? new JwksTokenVerifier(auth.jwksUrl(), auth.issuer(), auth.audience(), auth.jwksCacheTtl())
                : tokens(config, clock);
    }

    /** The HS256 token issuer and verifier of a tier (the {@code token} command uses it too). */
    public static HmacTokens tokens(TierConfig config, Clock clock) {
        if (config.auth().usesJwks()) {
            throw new ConfigException("auth.jwksUrl: this tier takes tokens from its OIDC issuer; get them there");
        }
        return new HmacTokens(JwtSecrets.resolve(config), config.auth().issuer(), config.auth().audience(), clock);
    }

    public int port() {
        return api.port();
    }

    public HttpApi api() {
        return api;
    }

    public OrphanSweeper orphanSweeper() {
        return orphanSweeper;
    }

    /** Graceful shutdown: readiness turns 503, in-flight requests finish (bounded by the drain timeout), then close. */
    @Override
    public void close() {
        readiness.drain();
        try {
            Thread.sleep(config.server().drainDelay().toMillis());
            if (!admission.awaitIdle(config.server().drainTimeout())) {
                log.warn("drain timeout passed with {} requests still running", admission.inFlight());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
        log.info("Strata stopped");
    }

    private void closeQuietly() {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                log.warn("failed to close a component cleanly", e);
            }
        }
    }

    private <T extends AutoCloseable> T remember(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    private Map<String, Object> topology(RecordStore store, BlobStore blobs, RecordCache cache, WriteQueue queue,
                                         Instant startedAt) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("tier", config.tier());
        t.put("role", config.server().role().name().toLowerCase(java.util.Locale.ROOT));
        t.put("version", Versions.application());
        t.put("startedAt", startedAt.toString());
        t.put("store", store.describe());
        t.put("blobs", blobs.describe());
        t.put("cache", cache.describe());
        t.put("writes", queue.describe());
        t.put("maxConcurrentRequests", config.server().maxConcurrentRequests());
        t.put("maxConcurrentBlobRequests", config.server().maxConcurrentBlobRequests());
        t.put("inFlightRequests", admission.inFlight());
        return t;
    }

    private static void bindJvmMetrics(PrometheusMeterRegistry registry) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }
}
