package dev.strata.domain.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BucketRingTest {
    private final BucketHasher hasher = new BucketHasher(4096);
    private final BucketRing<String> ring = new BucketRing<>(hasher, List.of("n0", "n1", "n2"));

    @Test
    void userGoesToTheNodeOfItsBucketModTheNodeCount() {
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            assertThat(ring.nodeOf(user)).isEqualTo("n" + hasher.bucketOf(user) % 3);
        }
    }

    @Test
    void usersSpreadEvenlyOverTheNodes() {
        Map<String, Long> perNode = IntStream.range(0, 30_000).mapToObj(i -> ring.nodeOf("user-" + i))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perNode.values()).allSatisfy(count -> assertThat(count).isBetween(9_500L, 10_500L));
    }
}
