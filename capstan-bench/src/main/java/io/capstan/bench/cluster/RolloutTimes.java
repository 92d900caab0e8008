package io.capstan.bench.cluster;

import java.time.Duration;

/**
 * One rollout: how long the create and the template change took until complete, and how many store
 * writes (revisions) each caused.
 */
record RolloutTimes(int replicas, Duration create, Duration update, long createWrites,
    long updateWrites) {}
