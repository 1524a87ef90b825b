package dev.strata.testing.load;

import dev.strata.testing.ApiClient;
import dev.strata.testing.ApiClient.Response;
import java.time.Duration;

/** Reads at the pace a user's rate limit allows: a 429 waits its Retry-After, a bounded number of times. */
public final class PacedReads {
    private static final int RATE_LIMITED_ATTEMPTS = 30;

    private PacedReads() {
    }

    public static Response get(ApiClient client, String path, String token) {
        Response read = null;
        for (int attempt = 0; attempt < RATE_LIMITED_ATTEMPTS; attempt++) {
            read = client.request("GET", path).token(token).timeout(Duration.ofSeconds(10)).send();
            if (read.status() != 429) {
                return read;
            }
            LoadDriver.sleep(Duration.ofSeconds(Long.parseLong(read.header("Retry-After"))));
        }
        return read;
    }
}
