package dev.strata.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ZipfTraceTest {

    @Test
    void next_isTheSameForTheSameSeed() {
        assertThat(new ZipfTrace(1000, 0.99, 1).next(10_000)).isEqualTo(new ZipfTrace(1000, 0.99, 1).next(10_000));
    }

    @Test
    void next_drawsTheMostPopularKeyAboutAsOftenAsItsProbability() {
        var trace = new ZipfTrace(1000, 0.99, 1);

        long hits = Arrays.stream(trace.next(200_000)).filter(key -> key == 0).count();

        assertThat(hits / 200_000.0).isCloseTo(trace.probabilityOfTop(1), within(0.005));
    }

    @Test
    void next_staysWithinTheKeyRange() {
        assertThat(Arrays.stream(new ZipfTrace(10, 1.5, 3).next(100_000))).allMatch(key -> key >= 0 && key < 10);
    }
}
