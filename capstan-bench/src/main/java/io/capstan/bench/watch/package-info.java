/**
 * The {@code watch} scenario: 200 fabric8 watches on the ConfigMaps of one namespace of the real
 * {@code capstan server}, then 1,000 writes at a steady rate, each stamped with its write time so
 * every delivery's delay (receive − write, one JVM clock) can be measured.
 */
package io.capstan.bench.watch;
