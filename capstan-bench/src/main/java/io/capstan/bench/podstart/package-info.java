/**
 * The pod-start scenario: the real {@code capstan server} on its process runtime runs 100 bare
 * busybox pods created at once, and each pod's time from its create request to the first watch
 * event that shows it Ready is reported as p50/p99/max, with the time until all are Ready.
 */
package io.capstan.bench.podstart;
