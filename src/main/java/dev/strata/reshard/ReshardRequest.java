package dev.strata.reshard;

import dev.strata.config.ConfigException;
import java.time.Duration;
import java.util.List;

/**
 * What the operator asked for: the shard URLs of the {@code --from} and {@code --to} tier files (the first of each
 * holds the catalog and must be the same), how to log in to them, and the {@code --from} file's timeouts, which bound
 * reshard's connections as they bound the service's.
 */
public record ReshardRequest(List<String> fromUrls, List<String> toUrls, String user, String password, int buckets,
                             Duration connectTimeout, Duration statementTimeout) {
    public ReshardRequest {
        fromUrls = List.copyOf(fromUrls);
        toUrls = List.copyOf(toUrls);
        if (!fromUrls.get(0).equals(toUrls.get(0))) {
            throw new ConfigException("store.urls: the first shard holds the catalog and must stay first in both"
                    + " files (--from has " + fromUrls.get(0) + ", --to has " + toUrls.get(0) + ")");
        }
    }

    String catalogUrl() {
        return fromUrls.get(0);
    }
}
