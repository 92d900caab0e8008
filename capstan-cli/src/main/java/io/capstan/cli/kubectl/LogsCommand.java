package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code capstan kubectl logs POD [CONTAINER]} or {@code logs TYPE/NAME}: a container's log from
 * the server's {@code pods/P/log} subresource (which proxies to the node), streamed to standard
 * output as it arrives, so that {@code -f} follows until the container stops or the user
 * interrupts.
 */
@Command(name = "logs", description = "Print the logs for a container in a pod.")
final class LogsCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..2", paramLabel = "POD | TYPE/NAME [CONTAINER]")
  List<String> args = new ArrayList<>();

  @Option(names = {"-c", "--container"}, description = "Print the logs of this container.")
  String container;

  @Option(names = {"-f", "--follow"}, description = "Specify if the logs should be streamed.")
  boolean follow;

  @Option(names = {"-p", "--previous"},
      description = "Print the logs for the previous instance of the container.")
  boolean previous;

  @Option(names = "--timestamps", description = "Include timestamps on each line.")
  boolean timestamps;

  @Option(names = "--tail", defaultValue = "-1",
      description = "Lines of recent log file to display; -1 for all.")
  long tail;

  @Option(names = "--since", description = "Only return logs newer than a relative duration.")
  String since;

  @Option(names = "--pod-running-timeout", defaultValue = "20s",
      description = "How long to wait for a pod of TYPE/NAME to appear.")
  String podRunningTimeout;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      if (args.isEmpty()) {
        throw new KubectlError("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'."
            + "\nPOD or TYPE/NAME is a required argument for the logs command\nSee "
            + "'capstan kubectl logs -h' for help and examples");
      }
      if (since != null) {
        LogTarget.seconds(since, "--since");
      }
      LogTarget.seconds(podRunningTimeout, "--pod-running-timeout");
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        JsonNode pod = pod(cluster);
        String name = pod.path("metadata").path("name").asString();
        String chosen = container != null ? container
            : args.size() > 1 ? args.get(1) : null;
        if (chosen == null) {
          chosen = LogTarget.defaultContainer(pod);
          List<String> all = LogTarget.containerLabels(pod);
          if (all.size() > 1) {
            printErr("Defaulted container \"" + chosen + "\" out of: " + String.join(", ", all));
          }
        } else if (!LogTarget.hasContainer(pod, chosen)) {
          throw new KubectlError("error: container " + chosen + " is not valid for pod " + name);
        }
        return stream(cluster, "/api/v1/namespaces/" + cluster.namespace() + "/pods/" + name
            + "/log" + query(chosen));
      }
    });
  }

  private String query(String chosen) {
    StringBuilder q = new StringBuilder("?container=").append(chosen);
    if (follow) {
      q.append("&follow=true");
    }
    if (previous) {
      q.append("&previous=true");
    }
    if (since != null) {
      q.append("&sinceSeconds=").append(LogTarget.seconds(since, "--since"));
    }
    if (tail >= 0) {
      q.append("&tailLines=").append(tail);
    }
    if (timestamps) {
      q.append("&timestamps=true");
    }
    return q.toString();
  }

  /** The pod named, or the one kubectl picks for the workload named. */
  private JsonNode pod(Cluster cluster) {
    String arg = args.getFirst();
    ObjectRef ref;
    if (arg.contains("/")) {
      ResourceArgs parsed = ResourceArgs.parse(List.of(arg), ResourceCatalog.discover(cluster),
          cluster.namespace());
      ref = parsed.named().getFirst();
    } else {
      ref = new ObjectRef(new ApiResource("pods", "pod", "Pod", List.of("po"), "", "v1", true),
          cluster.namespace(), arg);
    }
    Cluster.Reply reply = cluster.get(ref.path(), Cluster.JSON);
    if (!reply.ok()) {
      String error = ServerErrors.describe(reply);
      throw new KubectlError(reply.code() == 404
          ? "error: e" + error.substring(1) + " in namespace \"" + cluster.namespace() + "\""
          : error);
    }
    JsonNode object = Json.MAPPER.readTree(reply.body());
    if (ref.type().kind().equals("Pod") && ref.type().group().isEmpty()) {
      return object;
    }
    JsonNode selectorNode = object.path("spec").path("selector");
    String selector = selectorNode.has("matchLabels") || selectorNode.has("matchExpressions")
        ? DescribeSections.selector(selectorNode) : DescribeSections.formatLabels(selectorNode);
    List<JsonNode> pods = podsOf(cluster, selector);
    JsonNode chosen = LogTarget.byLogging(pods).getFirst();
    if (pods.size() > 1) {
      printErr("Found " + pods.size() + " pods, using pod/"
          + chosen.path("metadata").path("name").asString());
    }
    return chosen;
  }

  /**
   * The pods the selector matches; as kubectl, waits up to {@code --pod-running-timeout} for
   * one to appear (a workload just created or scaled up).
   */
  private List<JsonNode> podsOf(Cluster cluster, String selector) {
    String path = DescribeSource.withLabels("/api/v1/namespaces/" + cluster.namespace()
        + "/pods", selector);
    long deadline = System.nanoTime() + LogTarget.seconds(podRunningTimeout,
        "--pod-running-timeout") * 1_000_000_000L;
    while (true) {
      List<JsonNode> pods = new ClusterSource(cluster).list(path);
      if (!pods.isEmpty()) {
        return pods;
      }
      if (System.nanoTime() >= deadline) {
        throw new KubectlError("error: timed out waiting for the condition");
      }
      try {
        Thread.sleep(Math.min(500, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KubectlError("error: interrupted");
      }
    }
  }

  private void printErr(String line) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(line);
    err.flush();
  }

  /** Copies the log to standard output as it arrives. */
  private int stream(Cluster cluster, String path) throws IOException {
    String base = cluster.masterUrl().replaceAll("/+$", "");
    HttpRequest request = cluster.client().getHttpClient().newHttpRequestBuilder()
        .uri(URI.create(base + path)).header("Accept", "*/*").build();
    HttpResponse<InputStream> response;
    try {
      response = cluster.client().getHttpClient().sendAsync(request, InputStream.class).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubectlError("error: interrupted");
    } catch (ExecutionException e) {
      throw new KubectlError("error: " + e.getCause().getMessage());
    }
    try (InputStream in = response.body()) {
      if (response.code() < 200 || response.code() >= 300) {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        throw new KubectlError(ServerErrors.describe(new Cluster.Reply(response.code(), body)));
      }
      PrintWriter out = spec.commandLine().getOut();
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
      char[] buffer = new char[8192];
      for (int n; (n = reader.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    }
    return 0;
  }
}
