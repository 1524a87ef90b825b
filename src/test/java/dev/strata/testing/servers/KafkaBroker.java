package dev.strata.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (broker and controller in one process) run as a child JVM from Apache
 * Kafka's own jars, whose classpath the build writes to target/test-servers; or, when
 * {@code STRATA_TEST_KAFKA_BOOTSTRAP} is set, that cluster (then the process controls throw).
 * Topics are created on first use with one partition unless a test creates them itself.
 */
public final class KafkaBroker extends ChildServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final int controllerPort;

    private KafkaBroker(String bootstrapServers, int controllerPort, Path workDir) {
        super("the Kafka at " + bootstrapServers, workDir, STOP_GRACE);
        this.bootstrapServers = bootstrapServers;
        this.controllerPort = controllerPort;
    }

    /** One broker for the whole test JVM, started on first use and stopped at JVM exit. */
    public static KafkaBroker shared() {
        return Shared.INSTANCE;
    }

    /** A new broker of the caller's own, e.g. for a chaos test; close it when done. */
    public static KafkaBroker start() {
        KafkaBroker broker = new KafkaBroker("127.0.0.1:" + FreePorts.next(), FreePorts.next(),
                ServerFiles.newWorkDir("kafka"));
        broker.writeConfig();
        broker.formatStorage();
        broker.startProcess();
        return broker;
    }

    /** e.g. {@code 127.0.0.1:41234}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    private void writeConfig() {
        String controller = "127.0.0.1:" + controllerPort;
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + controller,
                "listeners=PLAINTEXT://" + bootstrapServers + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + bootstrapServers,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + workDir().resolve("logs"),
                "num.partitions=1",
                "auto.create.topics.enable=true",
                // one node: every internal topic has one replica, and few partitions keep start-up short
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // after kill -9 the restarted broker cannot register until its old session expires (default 9 s)
                "broker.session.timeout.ms=2500",
                "broker.heartbeat.interval.ms=500",
                "");
        try {
            Files.writeString(workDir().resolve("server.properties"), config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka configuration in " + workDir(), e);
        }
    }

    private void formatStorage() {
        ChildProcess.run("kafka storage format",
                javaCommand("kafka.tools.StorageTool", "format",
                        "-t", Uuid.randomUuid().toString(),
                        "-c", workDir().resolve("server.properties").toString()),
                workDir().resolve("format.log"), START_TIMEOUT);
    }

    @Override
    ChildProcess launch() {
        ChildProcess process = ChildProcess.start("kafka broker",
                javaCommand("kafka.Kafka", workDir().resolve("server.properties").toString()),
                Map.of(), workDir().resolve("broker.log"));
        try (Admin admin = Admin.create(adminConfig())) {
            Readiness.await("Kafka at " + bootstrapServers, process, START_TIMEOUT, () -> hasBroker(admin));
        }
        return process;
    }

    private List<String> javaCommand(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-cp", brokerClasspath(),
                mainClass));
        command.addAll(List.of(arguments));
        return JavaCommand.of("384m", command);
    }

    private static String brokerClasspath() {
        try {
            return Files.readString(ServerFiles.artifact("kafka-broker.classpath"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka broker classpath", e);
        }
    }

    private Properties adminConfig() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        return config;
    }

    private static boolean hasBroker(Admin admin) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(1000)).nodes().get().isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (Exception e) {
            return false;
        }
    }

        private static final class Shared {
        static final KafkaBroker INSTANCE = create();

        private static KafkaBroker create() {
            String bootstrap = System.getenv("STRATA_TEST_KAFKA_BOOTSTRAP");
            if (bootstrap != null && !bootstrap.isBlank()) {
                return new KafkaBroker(bootstrap.trim(), -1, null);
            }
            KafkaBroker broker = start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
            return broker;
        }
    }
}
