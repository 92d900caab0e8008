package io.capstan.bench;

/** One benchmark: sets up what it measures and its reference, measures both, tears down. */
public interface Scenario {

  /** The name {@code bin/bench} selects it by, and its docs markers are named after. */
  String name();

  /** The heading of its section in {@code docs/benchmarks.md}. */
  String heading();

  Report run(Options options) throws Exception;
}
