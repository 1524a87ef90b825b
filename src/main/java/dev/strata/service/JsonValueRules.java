package dev.strata.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.strata.domain.InvalidInputException;
import dev.strata.domain.PayloadTooLargeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A record value must be one well-formed JSON value, within the tier's size and nesting limits. */
public final class JsonValueRules {
    private final int maxBytes;
    private final int maxDepth;
    private final JsonFactory factory;

    public JsonValueRules(int maxBytes, int maxDepth) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth + 1).build())
                .build();
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** Returns the value as text; throws 413 for too large or too deep, 400 for anything not JSON. */
    public String check(byte[] body) {
        if (body.length > maxBytes) {
            throw new PayloadTooLargeException("record value is larger than " + maxBytes + " bytes");
        }
        try (JsonParser parser = factory.createParser(body)) {
            int depth = 0;
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new InvalidInputException("request body must be a JSON value");
            }
            do {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (++depth > maxDepth) {
                        throw new PayloadTooLargeException("JSON value is nested deeper than " + maxDepth + " levels");
                    }
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                }
                token = parser.nextToken();
            } while (depth > 0 && token != null);
            if (token != null) {
                throw new InvalidInputException("request body must be exactly one JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException("request body could not be read as JSON");
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
