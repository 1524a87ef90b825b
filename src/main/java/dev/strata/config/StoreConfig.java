package dev.strata.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;

/** Where metadata (records, blob metadata, usage, idempotency keys) lives. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StoreConfig.H2.class, name = "h2"),
        @JsonSubTypes.Type(value = StoreConfig.Postgres.class, name = "postgres"),
        @JsonSubTypes.Type(value = StoreConfig.Sharded.class, name = "sharded")})
public sealed interface StoreConfig {

    /**
     * Embedded H2 database file.
     *
     * @param file             database file path without extension (default {@code <dataDir>/strata})
     * @param poolSize         connections (default 8)
     * @param statementTimeout longest a statement may run (default 5s)
     */
    record H2(String file, Integer poolSize, Duration statementTimeout) implements StoreConfig {
        public H2 {
            poolSize = poolSize == null ? 8 : poolSize;
            ConfigException.require(poolSize > 0, "store.poolSize", "must be positive");
            statementTimeout = statementTimeout == null ? Duration.ofSeconds(5) : statementTimeout;
        }
    }

    /**
     * One PostgreSQL primary (and optionally a read replica).
     *
     * @param url              JDBC URL of the primary
     * @param user             database user
     * @param password         database password
     * @param connectionBudget connections this database allows Strata in total, over all replicas (default 80);
     *                         each process opens at most {@code connectionBudget / replicas} (at least 1)
     * @param replicas         how many Strata processes share the budget (default 1)
     * @param statementTimeout longest a statement may run (default 5s)
     * @param connectTimeout   longest wait to open or borrow a connection (default 2s)
     * @param readReplicaUrl   JDBC URL of a streaming read replica (default none); reads go there only while its
     *                         measured lag is under {@code maxReplicaLag}, and never for a user who wrote through
     *                         this process within that bound
     * @param maxReplicaLag    the most replication lag a replica read may see (default 1s)
     */
    record Postgres(String url, String user, String password, Integer connectionBudget, Integer replicas,
                    Duration statementTimeout, Duration connectTimeout, String readReplicaUrl, Duration maxReplicaLag)
            implements StoreConfig {
        public Postgres {
            ConfigException.require(url != null && url.startsWith("jdbc:postgresql:"), "store.url", "must be a jdbc:postgresql: URL");
            connectionBudget = connectionBudget == null ? 80 : connectionBudget;
            replicas = replicas == null ? 1 : replicas;
            ConfigException.require(replicas > 0, "store.replicas", "must be positive");
            ConfigException.require(connectionBudget >= replicas, "store.connectionBudget",
                    "must allow at least one connection per replica (" + replicas + ")");
            statementTimeout = statementTimeout == null ? Duration.ofSeconds(5) : statementTimeout;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            readReplicaUrl = readReplicaUrl == null || readReplicaUrl.isBlank() ? null : readReplicaUrl;
            ConfigException.require(readReplicaUrl == null || readReplicaUrl.startsWith("jdbc:postgresql:"),
                    "store.readReplicaUrl", "must be a jdbc:postgresql: URL");
            maxReplicaLag = maxReplicaLag == null ? Duration.ofSeconds(1) : maxReplicaLag;
            ConfigException.require(!maxReplicaLag.isNegative() && !maxReplicaLag.isZero(), "store.maxReplicaLag", "must be positive");
        }

        /** Connections one process may open: its share of the budget, at least one. */
        public int poolSize() {
            return Math.max(1, connectionBudget / replicas);
        }
    }

    /**
     * PostgreSQL shards: userId -> virtual bucket -> shard.
     *
     * @param urls             comma-separated JDBC URLs; the first start spreads buckets over them in this order
     * @param user             database user
     * @param password         database password
     * @param buckets          virtual buckets, fixed for the life of a deployment (default 4096)
     * @param connectionBudget connections each shard allows Strata in total (default 80)
     * @param replicas         how many Strata processes share each shard's budget (default 1)
     * @param statementTimeout longest a statement may run (default 5s)
     * @param connectTimeout   longest wait to open or borrow a connection to a shard (default 2s)
     * @param directoryPoll    how often each process checks the catalog for a newer bucket directory (default 5s)
     */
    record Sharded(String urls, String user, String password, Integer buckets, Integer connectionBudget,
                   Integer replicas, Duration statementTimeout, Duration connectTimeout, Duration directoryPoll)
            implements StoreConfig {
        /** Virtual buckets when the tier file names none; also what unsharded tiers hash users into. */
        public static final int DEFAULT_BUCKETS = 4096;

        public Sharded {
            ConfigException.require(urls != null && !urls.isBlank(), "store.urls", "must list at least one JDBC URL");
            buckets = buckets == null ? DEFAULT_BUCKETS : buckets;
            ConfigException.require(buckets > 0, "store.buckets", "must be positive");
            connectionBudget = connectionBudget == null ? 80 : connectionBudget;
            replicas = replicas == null ? 1 : replicas;
            ConfigException.require(replicas > 0, "store.replicas", "must be positive");
            ConfigException.require(connectionBudget >= replicas, "store.connectionBudget",
                    "must allow at least one connection per replica (" + replicas + ")");
            statementTimeout = statementTimeout == null ? Duration.ofSeconds(5) : statementTimeout;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            directoryPoll = directoryPoll == null ? Duration.ofSeconds(5) : directoryPoll;
        }

        /** The configured URLs in order. */
        public java.util.List<String> urlList() {
            return java.util.Arrays.stream(urls.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
        }

        /** Connections per shard in each process: the shard's budget shared by the replicas. */
        public int poolSize() {
            return connectionBudget / replicas;
        }
    }
}
