/**
 * Latency samples and their percentiles, shared by the scenarios that time single requests or
 * deliveries themselves (the API and watch scenarios) rather than through a load generator.
 */
package io.capstan.bench.latency;
