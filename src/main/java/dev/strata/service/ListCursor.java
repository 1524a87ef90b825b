package dev.strata.service;

import dev.strata.domain.InvalidInputException;
import java.nio.charset.StandardCharsets;
import dev.strata.domain.Page;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** Keyset pagination: the cursor is the last key of a page, opaque to clients. */
final class ListCursor {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private ListCursor() {
    }

    static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor is not one this service issued");
        }
    }

    static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    /** Cuts {@code rows} (fetched with one extra row) into a page and the cursor of the next one. */
    static <T> Page<T> page(List<T> rows, int pageSize, Function<T, String> keyOf) {
        if (rows.size() <= pageSize) {
            return new Page<>(rows, null);
        }
        List<T> page = List.copyOf(rows.subList(0, pageSize));
        return new Page<>(page, encode(keyOf.apply(page.get(pageSize - 1))));
    }
}
