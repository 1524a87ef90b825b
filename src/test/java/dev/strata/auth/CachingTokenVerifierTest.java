package dev.strata.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.domain.UnauthenticatedException;
import dev.strata.domain.UserId;
import dev.strata.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingTokenVerifierTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final HmacTokens tokens = new HmacTokens("x".repeat(32), "strata", "strata", clock);
    private final AtomicInteger fullChecks = new AtomicInteger();
    private final CachingTokenVerifier verifier = new CachingTokenVerifier(token -> {
        fullChecks.incrementAndGet();
        return tokens.verify(token);
    }, clock, Duration.ofSeconds(60), 1000);

    @Test
    void aVerifiedToken_isCheckedOnceWithinMaxAge_andAgainAfter() {
        String token = tokens.issue(new UserId("alice"), false, Duration.ofHours(1));
        assertThat(verifier.verify(token).user().value()).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(59));
        verifier.verify(token);
        assertThat(fullChecks).hasValue(1);
        clock.advance(Duration.ofSeconds(2));
        verifier.verify(token);
        assertThat(fullChecks).hasValue(2);
    }

    @Test
    void aCachedToken_stillExpiresWhenTheTokenDoes() {
        String token = tokens.issue(new UserId("bob"), false, Duration.ofSeconds(10));
        verifier.verify(token);
        clock.advance(Duration.ofSeconds(45));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void refusals_areNeverCached() {
        assertThatThrownBy(() -> verifier.verify("junk")).isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> verifier.verify("junk")).isInstanceOf(UnauthenticatedException.class);
        assertThat(fullChecks).hasValue(2);
    }
}
