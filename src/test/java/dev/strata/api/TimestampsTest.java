package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 999L, 1_000L, 999_999L, 1_000_000L, -1L, -1_000L, -1_000_000L,
            1_795_939_157_195_914L, 1_795_939_157_195_000L, 1_795_939_157_000_000L, 951_782_400_000_000L,
            253_402_300_799_999_999L, 253_402_300_800_000_000L, -62_167_219_200_000_000L, -62_167_219_200_000_001L})
    void writesWhatInstantToStringWrites(long epochMicros) {
        assertThat(Timestamps.iso(epochMicros)).isEqualTo(viaInstant(epochMicros));
    }

    @Test
    void agreesWithInstantToString_onRandomTimes_inAndBeyondFourDigitYears() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long micros = random.nextLong(-100_000_000_000_000_000L, 300_000_000_000_000_000L);
            long rounded = switch (i % 3) {
                case 0 -> micros;
                case 1 -> micros / 1_000 * 1_000;
                default -> micros / 1_000_000 * 1_000_000;
            };
            assertThat(Timestamps.iso(rounded)).as("%d", rounded).isEqualTo(viaInstant(rounded));
        }
    }

    private static String viaInstant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L)
                .toString();
    }
}
