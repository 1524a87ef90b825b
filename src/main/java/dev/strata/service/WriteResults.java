package dev.strata.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How write results are stored for replays and request statuses: one JSON encoding for both. */
final class WriteResults {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private WriteResults() {
    }

    static String encode(Object result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a write result", e);
        }
    }

    static <T> T decode(String payload, Class<T> type) {
        try {
            return JSON.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot decode a stored write result", e);
        }
    }
}
