/**
 * The benchmark harness behind {@code bin/bench}: {@link io.capstan.bench.Main} parses the
 * options and the scenario names, runs each {@link io.capstan.bench.Scenario} (each measures
 * Capstan against a reference started in the same run, on the same machine, at the same time),
 * prints the {@link io.capstan.bench.Report}s as markdown and, with {@code --write-docs}, puts
 * each into its own marked section of {@code docs/benchmarks.md}. Benchmarks are not tests:
 * nothing here runs in {@code ./mvnw verify}.
 */
package io.capstan.bench;
