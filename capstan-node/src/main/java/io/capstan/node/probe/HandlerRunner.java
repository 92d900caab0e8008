package io.capstan.node.probe;

import io.capstan.node.kubelet.GoQuote;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.node.runtime.ExecCapable;
import io.capstan.node.runtime.RuntimeFailure;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs postStart and preStop handlers as the kubelet's handler runner does, with its failure
 * messages ({@code Exec lifecycle hook ([sh -c exit 1]) for Container "app" in Pod "ns/web" failed
 * - error: ..., message: "..."}). exec runs through the runtime with the hook's timeout; httpGet
 * sends the probe's request with {@code User-Agent: kube-lifecycle/1.32} and, like the kubelet,
 * retries over plain HTTP when an HTTPS hook is answered in HTTP; sleep waits on the scheduler and
 * fails if the timeout comes first.
 *
 * <p>One deliberate difference: the kubelet only fails an httpGet hook that cannot be reached; this
 * runner also fails it on a status outside 200..399, so a hook endpoint that errors is visible.
 */
public final class HandlerRunner implements LifecycleHooks {

  private final Optional<ExecCapable> exec;
  private final Scheduler scheduler;
  private final HttpGetClient http = new HttpGetClient();

  /** {@code runtime} may be null when it cannot exec; {@code scheduler} times sleep handlers. */
  public HandlerRunner(ExecCapable runtime, Scheduler scheduler) {
    this.exec = Optional.ofNullable(runtime);
    this.scheduler = scheduler;
  }

  @Override
  public Optional<String> run(LifecycleHandler handler, ProbeTarget target, Duration timeout) {
    String where = " for Container " + GoQuote.quote(target.container().getName()) + " in Pod "
        + GoQuote.quote(target.namespace() + "/" + target.podName()) + " failed - error: ";
    if (handler.getExec() != null) {
      List<String> command = handler.getExec().getCommand() == null ? List.of()
          : handler.getExec().getCommand();
      return runExec(command, target, timeout).map(failure -> "Exec lifecycle hook ("
          + GoQuote.list(command) + ")" + where + failure.error() + ", message: "
          + GoQuote.quote(failure.output()));
    }
    if (handler.getHttpGet() != null) {
      return runHttpGet(handler.getHttpGet(), target, timeout).map(failure -> "HTTP lifecycle hook ("
          + nullToEmpty(handler.getHttpGet().getPath()) + ")" + where + failure.error()
          + ", message: " + GoQuote.quote(failure.output()));
    }
    if (handler.getSleep() != null) {
      long seconds = handler.getSleep().getSeconds() == null ? 0 : handler.getSleep().getSeconds();
      return runSleep(seconds, timeout).map(error -> "Sleep lifecycle hook (" + seconds + ")"
          + where + error);
    }
    return Optional.of("Cannot run handler: invalid handler: " + handler);
  }

  private record Failure(String error, String output) {}

  private Optional<Failure> runExec(List<String> command, ProbeTarget target, Duration timeout) {
    if (exec.isEmpty()) {
      return Optional.of(new Failure("exec is not supported by this container runtime", ""));
    }
    List<String> expanded = CommandExpansion.expand(command, target.container().getEnv());
    ExecCapable.ExecResult result;
    try {
      result = exec.get().execSync(target.containerId(), expanded, timeout);
    } catch (RuntimeFailure e) {
      return Optional.of(new Failure(e.getMessage(), ""));
    }
    String output = Prober.combinedOutput(result);
    if (result.timedOut()) {
      return Optional.of(new Failure("command '" + String.join(" ", expanded) + "' timed out after "
          + timeout.toSeconds() + "s", output));
    }
    if (result.exitCode() != 0) {
      String stderr = new String(result.stderr() == null ? new byte[0] : result.stderr(),
          StandardCharsets.UTF_8);
      return Optional.of(new Failure("command '" + String.join(" ", expanded) + "' exited with "
          + result.exitCode() + ": " + stderr, output));
    }
    return Optional.empty();
  }

  private Optional<Failure> runHttpGet(HTTPGetAction action, ProbeTarget target,
      Duration timeout) {
    HttpGetRequest request;
    try {
      request = HttpGetRequest.from(action, target.container(), target.podIp(), "lifecycle");
    } catch (ContainerPorts.InvalidPortException e) {
      return Optional.of(new Failure(e.getMessage(), ""));
    }
    HttpGetClient.Response response;
    try {
      response = http.get(request, timeout);
    } catch (HttpGetClient.HttpGetException e) {
      if (!e.plaintextOverTls()) {
        return Optional.of(new Failure(e.getMessage(), ""));
      }
      // The kubelet's fallback for hooks that were written for the old, HTTP-only handler.
      try {
        response = http.get(plainHttp(request), timeout);
      } catch (HttpGetClient.HttpGetException retry) {
        return Optional.of(new Failure(e.getMessage(), ""));
      }
    }
    if (response.status() >= 200 && response.status() < 400) {
      return Optional.empty();
    }
    return Optional.of(new Failure("HTTP lifecycle hook failed with statuscode: "
        + response.status(), new String(response.body(), StandardCharsets.UTF_8)));
  }

  private static HttpGetRequest plainHttp(HttpGetRequest request) {
    return new HttpGetRequest("http", request.host(), request.port(), request.target(),
        request.headers().stream().filter(h -> !h.name().equals("Authorization")).toList(),
        request.hostHeader());
  }

  private Optional<String> runSleep(long seconds, Duration timeout) {
    if (seconds <= 0) {
      return Optional.empty();
    }
    CompletableFuture<Boolean> finished = new CompletableFuture<>();
    Scheduler.Cancellable slept = scheduler.schedule(Duration.ofSeconds(seconds),
        () -> finished.complete(true));
    Scheduler.Cancellable cut = scheduler.schedule(timeout, () -> finished.complete(false));
    try {
      return finished.join() ? Optional.empty()
          : Optional.of("container terminated before sleep hook finished");
    } finally {
      slept.cancel();
      cut.cancel();
    }
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
