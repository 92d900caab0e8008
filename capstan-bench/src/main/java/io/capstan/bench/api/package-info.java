/**
 * The {@code api} scenario: sixteen fabric8 clients' worth of ConfigMap create / get / list /
 * update / delete against the real {@code capstan server} (HTTPS, durable SQLite store) and, in
 * the same run, against fabric8's {@code KubernetesMockServer} in CRUD mode (in-memory), timing
 * every request to report throughput and per-operation latency percentiles.
 */
package io.capstan.bench.api;
