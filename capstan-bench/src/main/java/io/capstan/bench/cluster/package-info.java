/**
 * Scenarios that measure the real {@code capstan server} as a whole: a large Deployment rollout on
 * simulated nodes against the store's raw write rate for the same number of writes, the time from
 * launch to {@code /readyz} on an empty and a populated data directory, and resident memory idle
 * and after a rollout.
 */
package io.capstan.bench.cluster;
