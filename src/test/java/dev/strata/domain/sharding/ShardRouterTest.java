package dev.strata.domain.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShardRouterTest {

    @Test
    void shardOf_followsTheUsersBucketThroughTheDirectory() {
        var router = new ShardRouter(BucketAssignment.even(4096, List.of("a", "b")));

        assertThat(router.bucketOf("user-0")).isEqualTo(1985);
        assertThat(router.shardOf("user-0")).isEqualTo("a");
        assertThat(router.bucketOf("user-42")).isEqualTo(919);
        assertThat(router.shardOf("user-42")).isEqualTo("a");
        assertThat(router.shardOf("")).isEqualTo("b");
    }
}
