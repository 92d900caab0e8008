/**
 * The real {@code capstan server} as a benchmark subject: started from its runnable jar in a
 * throw-away data directory, reached over HTTPS with its own kubeconfig, its start-up time and
 * resident memory read from outside the process.
 */
package io.capstan.bench.server;
