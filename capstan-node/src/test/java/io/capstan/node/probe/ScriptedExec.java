package io.capstan.node.probe;

import io.capstan.node.runtime.ExecCapable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * An in-memory runtime for timing tests: the exec command's first word names a script whose
 * health is a function of the seconds since {@code start}; healthy exits 0, unhealthy exits 1.
 * Every call is logged as {@code "<seconds>s <script>"}.
 */
final class ScriptedExec implements ExecCapable {

  private final Clock clock;
  private final Instant start;
  private final Map<String, IntPredicate> healthyAt;
  private final List<String> calls = new ArrayList<>();

  ScriptedExec(Clock clock, Map<String, IntPredicate> healthyAt) {
    this.clock = clock;
    this.start = clock.instant();
    this.healthyAt = healthyAt;
  }

  @Override
  public synchronized ExecResult execSync(String containerId, List<String> command,
      Duration timeout) {
    int seconds = (int) Duration.between(start, clock.instant()).toSeconds();
    String script = command.get(0);
    calls.add(seconds + "s " + script);
    boolean healthy = healthyAt.getOrDefault(script, t -> false).test(seconds);
    return new ExecResult(healthy ? 0 : 1, new byte[0],
        (healthy ? "" : script + " is unhealthy").getBytes(StandardCharsets.UTF_8), false);
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }
}
