package dev.strata.adapter.cache.redis;

import dev.strata.domain.RecordKey;
import dev.strata.domain.UserId;

/** What a process hears on the invalidation channel. Called on Lettuce's event threads; must not block long. */
public interface Invalidations {

    void record(UserId user, RecordKey key);

    void user(UserId user);

    /** The subscription broke: messages may be missed from now until {@link #subscribed()}. */
    void lost();

    /** The subscription is (again) in place: messages are heard from now on. */
    void subscribed();
}
