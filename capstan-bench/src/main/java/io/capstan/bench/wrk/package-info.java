/**
 * The HTTP load generator the benchmarks drive: runs Debian's {@code wrk} (installed by
 * {@code bin/install-bench-tools.sh}) with {@code --latency} and parses its summary into
 * requests per second, latency percentiles and error counts.
 */
package io.capstan.bench.wrk;
