package dev.strata.domain.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XxHash64Test {

    // Reference values of the xxHash project's own XXH64 (xxhsum -H1, seed 0); the inputs cover the
    // empty input, the byte/int/long tails, one and several 32-byte stripes, and multi-byte UTF-8.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|ef46db3751d8e999",
            "a|d24ec4f1a98c6e5b",
            "abc|44bc2cf5ad770999",
            "message digest|066ed728fceeb3be",
            "abcdefghijklmnopqrstuvwxyz|cfe1f278fa89835c",
            "Nobody inspects the spammish repetition|fbcea83c8a378bf1",
            "The quick brown fox jumps over the lazy dog|0b242d361fda71bc",
            "jürgen-用户|2e98d33ebe38c3ad",
            "user-0|7c1b2034a0684560",
            "user-42|397e9d3a76af7c81"})
    void hash_matchesReferenceImplementation(String input, String expectedHex) {
        long hash = XxHash64.hash(input.getBytes(StandardCharsets.UTF_8));

        assertThat(hash).isEqualTo(Long.parseUnsignedLong(expectedHex, 16));
    }

    @ParameterizedTest
    @CsvSource({
            "0123456789, 10, f80e7b96315afffa",
            "abcdefghijklmnopqrstuvwxyz, 4, d89439b4688d88c7"})
    void hash_ofInputsLongerThanTwoStripes_matchesReferenceImplementation(String unit, int times, String expectedHex) {
        long hash = XxHash64.hash(unit.repeat(times).getBytes(StandardCharsets.UTF_8));

        assertThat(hash).isEqualTo(Long.parseUnsignedLong(expectedHex, 16));
    }
}
