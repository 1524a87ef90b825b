package dev.strata.reshard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.strata.testing.servers.PostgresServer;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.Test;

/**
 * Reshard's connections carry the tier file's timeouts: a shard frozen mid-reshard (SIGSTOP, so its sockets stay
 * open and silent) fails reshard's next call within them, where a pool without them would wait forever.
 */
class ShardConnectionsIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(1);
    /** The socket timeout (statement timeout + 1 s) plus the driver's cancel, with room for a busy machine. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(15);

    @Test
    void aFrozenShard_failsReshardsCall_insteadOfHoldingIt() {
        try (PostgresServer server = PostgresServer.start();
             ShardConnections connections = new ShardConnections(new ReshardRequest(List.of(server.jdbcUrl()),
                     List.of(server.jdbcUrl()), server.user(), server.password(), 64, CONNECT_TIMEOUT, STATEMENT_TIMEOUT))) {
            Jdbi shard = connections.open("shard-0", server.jdbcUrl());
            assertThat(countRecords(shard)).isZero();
            server.pause();
            try {
                assertThatThrownBy(() -> assertTimeoutPreemptively(LONGEST_WAIT, () -> countRecords(shard)))
                        .isInstanceOf(JdbiException.class);
            } finally {
                server.resume();
            }
            assertThat(countRecords(shard)).as("the pool recovers once the shard answers again").isZero();
        }
    }

    private static long countRecords(Jdbi shard) {
        return shard.withHandle(h -> h.createQuery("SELECT count(*) FROM records").mapTo(Long.class).one());
    }
}
