package dev.strata.migrate;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Keyset paging: each page starts after the last key of the one before, until a page comes back short. */
final class Pages {
    static final int SIZE = 500;

    private Pages() {
    }

    /**
     * @param fetch  the page after a key (null: the first page), at most {@link #SIZE} items
     * @param keyOf  the key of an item
     * @param action called with every non-empty page in order
     */
    static <T> void forEach(String startAfter, Function<String, List<T>> fetch, Function<T, String> keyOf,
                            Consumer<List<T>> action) {
        String after = startAfter;
        List<T> page;
        do {
            page = fetch.apply(after);
            if (!page.isEmpty()) {
                action.accept(page);
                after = keyOf.apply(page.get(page.size() - 1));
            }
        } while (page.size() == SIZE);
    }
}
