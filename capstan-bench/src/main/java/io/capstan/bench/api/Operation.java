package io.capstan.bench.api;

/** One kind of request the workload makes, in the order a worker makes them per object. */
enum Operation {
  CREATE(true),
  GET(false),
  LIST(false),
  UPDATE(true),
  DELETE(true);

  /** Whether it writes a single object (the p99 target of ≤ 20 ms applies to these). */
  final boolean write;

  Operation(boolean write) {
    this.write = write;
  }

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
