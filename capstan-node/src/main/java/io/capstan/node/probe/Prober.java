package io.capstan.node.probe;

import io.capstan.node.runtime.ExecCapable;
import io.capstan.node.runtime.RuntimeFailure;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs a probe's action once against a container, as the kubelet's prober does: httpGet succeeds
 * on a status in 200..399 (a redirect to another host that is not followed is a warning, which
 * counts as success), tcpSocket when a connection opens, exec when the command exits 0 within
 * {@code timeoutSeconds}. A prober error (an unknown named port, a runtime failure) is retried up
 * to three times and then reported as {@link ProbeOutcome.Kind#UNKNOWN}.
 *
 * <p>Two deliberate differences: grpc probes are not supported and always fail with {@code grpc
 * probes are not supported}, and exec probes fail with {@code exec probes are not supported by
 * this container runtime} when the runtime cannot exec.
 */
final class Prober {

  private static final int MAX_RETRIES = 3;
  private static final int MAX_EXEC_OUTPUT = 10 * 1024;

  private final Optional<ExecCapable> exec;
  private final HttpGetClient http;

  Prober(Optional<ExecCapable> exec, HttpGetClient http) {
    this.exec = exec;
    this.http = http;
  }

  ProbeOutcome probe(Probe spec, ProbeTarget target) {
    ProbeOutcome outcome = runOnce(spec, target);
    for (int attempt = 1; attempt < MAX_RETRIES && outcome.kind() == ProbeOutcome.Kind.UNKNOWN;
        attempt++) {
      outcome = runOnce(spec, target);
    }
    return outcome;
  }

  private ProbeOutcome runOnce(Probe spec, ProbeTarget target) {
    Duration timeout = ProbeSettings.of(spec, ProbeType.READINESS).timeout();
    if (spec.getExec() != null) {
      return exec(spec.getExec().getCommand(), target, timeout);
    }
    if (spec.getHttpGet() != null) {
      return httpGet(spec.getHttpGet(), target, timeout);
    }
    if (spec.getTcpSocket() != null) {
      return tcpSocket(spec.getTcpSocket(), target, timeout);
    }
    if (spec.getGrpc() != null) {
      return ProbeOutcome.failure("grpc probes are not supported");
    }
    return ProbeOutcome.unknown("missing probe handler for " + target.namespace() + "/"
        + target.podName() + ":" + target.container().getName());
  }

  ProbeOutcome httpGet(HTTPGetAction action, ProbeTarget target, Duration timeout) {
    HttpGetRequest request;
    try {
      request = HttpGetRequest.from(action, target.container(), target.podIp(), "probe");
    } catch (ContainerPorts.InvalidPortException e) {
      return ProbeOutcome.unknown(e.getMessage());
    }
    HttpGetClient.Response response;
    try {
      response = http.get(request, timeout);
    } catch (HttpGetClient.HttpGetException e) {
      return e.readingBody() ? ProbeOutcome.unknown(e.getMessage())
          : ProbeOutcome.failure(e.getMessage());
    }
    int status = response.status();
    String body = new String(response.body(), StandardCharsets.UTF_8);
    if (status >= 200 && status < 300) {
      return ProbeOutcome.success(body);
    }
    if (status >= 300 && status < 400) {
      return ProbeOutcome.warning("Probe terminated redirects, Response body: " + body);
    }
    // The kubelet keeps the body out of the message: it may hold secrets (kubernetes#99425).
    return ProbeOutcome.failure("HTTP probe failed with statuscode: " + status);
  }

  private static ProbeOutcome tcpSocket(TCPSocketAction action, ProbeTarget target,
      Duration timeout) {
    int port;
    try {
      port = ContainerPorts.resolve(action.getPort(), target.container());
    } catch (ContainerPorts.InvalidPortException e) {
      return ProbeOutcome.unknown(e.getMessage());
    }
    String host = action.getHost() == null || action.getHost().isEmpty() ? target.podIp()
        : action.getHost();
    try (Socket ignored = TcpDialer.dial(host, port, System.nanoTime() + timeout.toNanos())) {
      return ProbeOutcome.success("");
    } catch (java.io.IOException e) {
      return ProbeOutcome.failure(e.getMessage());
    }
  }

  private ProbeOutcome exec(List<String> command, ProbeTarget target, Duration timeout) {
    if (exec.isEmpty()) {
      return ProbeOutcome.failure("exec probes are not supported by this container runtime");
    }
    List<String> expanded = CommandExpansion.expand(command == null ? List.of() : command,
        target.container().getEnv());
    ExecCapable.ExecResult result;
    try {
      result = exec.get().execSync(target.containerId(), expanded, timeout);
    } catch (RuntimeFailure e) {
      return ProbeOutcome.unknown(e.getMessage());
    }
    String output = combinedOutput(result);
    if (result.timedOut()) {
      return ProbeOutcome.failure("command \"" + String.join(" ", expanded) + "\" timed out");
    }
    if (result.exitCode() == 0) {
      return ProbeOutcome.success(output);
    }
    // The kubelet reports only the output, which is often empty; say at least how it ended.
    return ProbeOutcome.failure(output.isBlank()
        ? "command \"" + String.join(" ", expanded) + "\" exited with " + result.exitCode()
        : output);
  }

  /** Stdout then stderr, at most 10 KiB together, as the kubelet keeps of an exec probe. */
  static String combinedOutput(ExecCapable.ExecResult result) {
    byte[] stdout = result.stdout() == null ? new byte[0] : result.stdout();
    byte[] stderr = result.stderr() == null ? new byte[0] : result.stderr();
    byte[] both = new byte[Math.min(MAX_EXEC_OUTPUT, stdout.length + stderr.length)];
    int fromStdout = Math.min(both.length, stdout.length);
    System.arraycopy(stdout, 0, both, 0, fromStdout);
    System.arraycopy(stderr, 0, both, fromStdout, both.length - fromStdout);
    return new String(both, StandardCharsets.UTF_8);
  }
}
