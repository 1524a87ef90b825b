package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TierConfigLoaderTest {
    private static final String MINIMAL = """
            tier: t
            server:
              port: 9000
            auth:
              secret: ""
            store:
              type: h2
            blobs:
              type: filesystem
            """;

    private static TierConfig parse(String yaml, Map<String, String> env) {
        return TierConfigLoader.fromMap(env).parse(yaml, "test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"config/tier-hundreds.yaml", "config/tier-thousands.yaml", "config/tier-millions.yaml"})
    void everyShippedTierFileParses(String file) {
        TierConfig config = TierConfigLoader.fromMap(Map.of(
                "STRATA_JWT_SECRET", "x".repeat(32),
                "STRATA_SHARD_URLS", "jdbc:postgresql://a/db,jdbc:postgresql://b/db")).load(Path.of(file));
        assertThat(config.tier()).isEqualTo(Path.of(file).getFileName().toString().replace("tier-", "").replace(".yaml", ""));
    }

    @Test
    void hundredsTier_isEmbeddedAndSynchronous() {
        TierConfig config = TierConfigLoader.fromMap(Map.of()).load(Path.of("config/tier-hundreds.yaml"));
        assertThat(config.store()).isInstanceOf(StoreConfig.H2.class);
        assertThat(config.blobs()).isInstanceOf(BlobsConfig.Filesystem.class);
        assertThat(config.cache()).isInstanceOf(CacheConfig.Caffeine.class);
        assertThat(config.writes()).isInstanceOf(WritesConfig.Sync.class);
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.limits().maxRecordBytes().bytes()).isEqualTo(64 * 1024);
    }

    @Test
    void environmentPlaceholders_useTheVariable_orTheDefault() {
        String yaml = MINIMAL.replace("port: 9000", "port: ${STRATA_PORT:8080}") + "dataDir: ${STRATA_DATA_DIR:data}\n";
        assertThat(parse(yaml, Map.of("STRATA_PORT", "9191")).server().port()).isEqualTo(9191);
        assertThat(parse(yaml, Map.of()).server().port()).isEqualTo(8080);
        assertThat(parse(yaml, Map.of("STRATA_DATA_DIR", "/var/lib/strata")).dataDir()).isEqualTo(Path.of("/var/lib/strata"));
    }

    @Test
    void placeholderValues_areNeverParsedAsYaml() {
        String yaml = MINIMAL.replace("secret: \"\"", "secret: ${S}");
        String tricky = "abc: #def {ghi} [jkl] 'mno' \"pqr\" and more!";
        assertThat(parse(yaml, Map.of("S", tricky)).auth().secret()).isEqualTo(tricky);
    }

    @Test
    void sizesAndDurations_readAsPeopleWriteThem() {
        TierConfig config = parse(MINIMAL + "cache: {type: caffeine, maxBytes: 3MiB, ttl: 90s}\nlimits: {maxBlobBytes: 1GiB}\n", Map.of());
        CacheConfig.Caffeine cache = (CacheConfig.Caffeine) config.cache();
        assertThat(cache.maxBytes().bytes()).isEqualTo(3L << 20);
        assertThat(cache.ttl()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.limits().maxBlobBytes().bytes()).isEqualTo(1L << 30);
    }

    @Test
    void missingVariableWithoutDefault_namesTheVariable() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("secret: \"\"", "secret: ${STRATA_JWT_SECRET}"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("${STRATA_JWT_SECRET}: environment variable is not set and has no default");
    }

    @Test
    void unknownAdapterType_listsTheAllowedOnes() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("type: h2", "type: mongo"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("store.type: unknown value 'mongo'; allowed: h2, postgres, sharded");
    }

    @Test
    void missingAdapterType_saysItIsRequired() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("type: filesystem", "dir: x"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("blobs.type: is required; allowed: filesystem, s3");
    }

    @Test
    void outOfRangeValue_namesTheKeyAndTheReason() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("port: 9000", "port: 70000"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("server.port: must be between 0 and 65535, got 70000");
    }

    @Test
    void unknownKey_isRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("port: 9000", "prot: 9000"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("server.prot: unknown key; known keys here:");
    }

    @Test
    void queuedExpiry_defaultsToADay_andMayNotBeShorterThanAnHourOrTheDeliveryTimeout() {
        String queued = MINIMAL + "writes: {mode: queued, bootstrap: 'k:9092'%s}\n";
        WritesConfig.Queued defaults = (WritesConfig.Queued) parse(queued.formatted(""), Map.of()).writes();
        assertThat(defaults.queuedExpiry()).isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> parse(queued.formatted(", queuedExpiry: 59m"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("writes.queuedExpiry: must be at least 1h and longer than writes.deliveryTimeout");
        assertThatThrownBy(() -> parse(queued.formatted(", deliveryTimeout: 2h, ackTimeout: 2s, queuedExpiry: 2h"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("writes.queuedExpiry:");
    }

    @Test
    void badSizeOrDuration_namesTheKey() {
        assertThatThrownBy(() -> parse(MINIMAL + "limits: {maxRecordBytes: lots}\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("limits.maxRecordBytes:");
        assertThatThrownBy(() -> parse(MINIMAL + "idempotency: {ttl: forever}\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("idempotency.ttl:");
    }

    @Test
    void shortSecret_isRefused() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("secret: \"\"", "secret: short"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("auth.secret: must be at least 32 bytes for HS256");
    }

    @Test
    void badRole_listsTheAllowedOnes() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("port: 9000", "role: boss"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.role").hasMessageContaining("allowed: all, api, worker");
    }

    @Test
    void redisMode_defaultsToSingle_andRingKeepsTheNodesInOrder() {
        String cache = "\ncache:\n  type: two-level\n  redisUrl: ${URLS}\n";
        CacheConfig.TwoLevel single = (CacheConfig.TwoLevel) parse(MINIMAL + cache, Map.of("URLS", "redis://a:6379")).cache();
        assertThat(single.redisMode()).isEqualTo(CacheConfig.RedisMode.SINGLE);
        CacheConfig.TwoLevel ring = (CacheConfig.TwoLevel) parse(MINIMAL + cache + "  redisMode: ring\n",
                Map.of("URLS", "redis://a:6379, redis://b:6379,redis://c:6379")).cache();
        assertThat(ring.redisUrls()).containsExactly("redis://a:6379", "redis://b:6379", "redis://c:6379");
    }

    @Test
    void severalRedisUrlsInSingleMode_areRefused() {
        assertThatThrownBy(() -> parse(MINIMAL + "\ncache:\n  type: two-level\n  redisUrl: redis://a:1,redis://b:2\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("cache.redisUrl: lists 2 URLs");
    }

    @Test
    void badRedisMode_listsTheAllowedOnes() {
        assertThatThrownBy(() -> parse(MINIMAL + "\ncache:\n  type: two-level\n  redisUrl: redis://a:1\n  redisMode: sharded\n",
                Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.redisMode")
                .hasMessageContaining("allowed: single, ring, cluster");
    }

    @Test
    void missingFile_saysSo() {
        assertThatThrownBy(() -> TierConfigLoader.fromMap(Map.of()).load(Path.of("no/such.yaml")))
                .isInstanceOf(ConfigException.class).hasMessage("no/such.yaml: no such file");
    }
}
