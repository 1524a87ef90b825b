package dev.strata.bench.jmh;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.service.JsonValueRules;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The JSON work of a record request: validating a PUT body ({@link JsonValueRules#check}) and encoding a GET
 * response with a plain Jackson {@code ObjectMapper}, as the API's JSON mapper does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordJsonBenchmark {
    /** The shape of the API's package-private {@code RecordResponse}: the stored value is embedded raw. */
    public record RecordShape(String key, long version, @JsonRawValue String value, String createdAt, String updatedAt) {
    }

    private static final String VALUE =
            "{\"displayName\":\"Ada Lovelace\",\"theme\":\"dark\",\"locale\":\"en-GB\",\"notifications\":true}";

    private final JsonValueRules rules = new JsonValueRules(64 * 1024, 32);
    private final byte[] body = VALUE.getBytes(StandardCharsets.UTF_8);
    private final ObjectMapper mapper = new ObjectMapper();
    private final RecordShape response =
            new RecordShape("profile", 3, VALUE, "2025-01-01T00:00:00Z", "2025-01-02T03:04:05Z");

    @Benchmark
    public String validateValue() {
        return rules.check(body);
    }

    @Benchmark
    public byte[] encodeResponse() throws JsonProcessingException {
        return mapper.writeValueAsBytes(response);
    }
}
