package io.capstan.bench.proxy;

/** Something wrk is pointed at: what it is, for the table, and its URL. */
record Target(String label, String url) {}
