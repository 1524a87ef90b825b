package dev.strata.adapter.queue.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.domain.QueuedWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Queued writes on the wire: JSON values keyed by userId, so one user's writes share a partition and apply in order.
 * The user and request id also travel as headers, so even an unreadable message can be marked failed.
 */
final class QueuedWriteCodec {
    static final String USER_HEADER = "strata-user";
    static final String REQUEST_HEADER = "strata-request";
    static final String OPERATION_HEADER = "strata-operation";

    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    byte[] encode(QueuedWrite write) {
        try {
            return json.writeValueAsBytes(write);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a queued write", e);
        }
    }

    QueuedWrite decode(byte[] bytes) {
        try {
            return json.readValue(bytes, QueuedWrite.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable queued write", e);
        }
    }

    static void addHeaders(Headers headers, QueuedWrite write) {
        headers.add(USER_HEADER, write.userId().getBytes(StandardCharsets.UTF_8));
        headers.add(REQUEST_HEADER, write.requestId().getBytes(StandardCharsets.UTF_8));
        headers.add(OPERATION_HEADER, write.operation().name().getBytes(StandardCharsets.UTF_8));
    }

    static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
