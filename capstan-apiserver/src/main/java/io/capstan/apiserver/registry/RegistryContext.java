package io.capstan.apiserver.registry;

import io.capstan.apiserver.watch.WatchCache;
import io.capstan.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What every registry shares: the store it writes to, the cache it reads from, and the injected
 * sources of time, identity and randomness.
 *
 * @param consistentReadTimeout how long a read waits for the cache to catch up with a write
 */
public record RegistryContext(
    Store store,
    WatchCache cache,
    Clock clock,
    Supplier<String> uids,
    RandomGenerator random,
    MetadataValidator metadataValidator,
    Duration consistentReadTimeout) {}
