package dev.strata.api;

import dev.strata.domain.Page;
import java.util.List;
import java.util.function.Function;

/** One page of a listing; {@code nextCursor} is null on the last page. */
record ListResponse<T>(List<T> items, String nextCursor) {
    static <S, T> ListResponse<T> from(Page<S> page, Function<S, T> toItem) {
        return new ListResponse<>(page.items().stream().map(toItem).toList(), page.nextCursor());
    }
}
