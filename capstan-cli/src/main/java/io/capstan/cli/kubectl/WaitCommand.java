package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code capstan kubectl wait --for=condition=Available deployment/web} (or {@code -l},
 * {@code --all}, {@code --for=delete}): polls each object until it meets the condition or the
 * timeout (30 s by default) passes, with kubectl's messages.
 */
@Command(name = "wait", description = "Wait for a condition on one or many resources.")
final class WaitCommand implements Callable<Integer> {

  static final Duration PERIOD = Duration.ofMillis(500);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME | TYPE/NAME | TYPE")
  List<String> args = new ArrayList<>();

  @Option(names = "--for", description = "delete, or condition=TYPE[=STATUS].")
  String condition;

  @Option(names = {"-l", "--selector"}, description = "Label selector to filter on.")
  String selector;

  @Option(names = "--all", description = "Every object of the type in the namespace.")
  boolean all;

  @Option(names = "--timeout", defaultValue = "30s",
      description = "How long to wait; 0 checks once.")
  String timeout;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      WaitCondition wanted = WaitCondition.parse(condition);
      Duration limit = GoDuration.parse(timeout, "--timeout");
      Instant deadline = Instant.now().plus(limit.isNegative() ? Duration.ofDays(7) : limit);
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        ResourceArgs parsed = ResourceArgs.parse(args, ResourceCatalog.discover(cluster),
            cluster.namespace());
        List<ObjectRef> objects = select(cluster, parsed, wanted);
        PrintWriter out = spec.commandLine().getOut();
        List<String> timedOut = new ArrayList<>();
        for (ObjectRef ref : objects) {
          if (waitFor(cluster, ref, wanted, deadline)) {
            out.println(ref.display() + " condition met");
            out.flush();
          } else {
            timedOut.add("timed out waiting for the condition on " + ref.type().name() + "/"
                + ref.name());
          }
        }
        if (timedOut.size() == 1) {
          throw new KubectlError("error: " + timedOut.getFirst());
        }
        if (!timedOut.isEmpty()) {
          throw new KubectlError(String.join("\n", timedOut));
        }
        return 0;
      }
    });
  }

  private List<ObjectRef> select(Cluster cluster, ResourceArgs parsed, WaitCondition wanted) {
    if (parsed.types().isEmpty() && parsed.named().isEmpty()) {
      throw new KubectlError("error: You must provide one or more resources by argument or "
          + "filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n"
          + "   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    if (!parsed.typesOnly()) {
      List<ObjectRef> found = new ArrayList<>();
      for (ObjectRef ref : parsed.named()) {
        Cluster.Reply reply = cluster.get(ref.path(), Cluster.JSON);
        if (reply.ok()) {
          found.add(ref);
        } else if (!(wanted.delete() && reply.code() == 404)) {
          throw new KubectlError(ServerErrors.describe(reply));
        }
      }
      return found;
    }
    if (selector == null && !all) {
      throw new KubectlError("error: resource(s) were provided, but no name was specified");
    }
    List<ObjectRef> found = new ArrayList<>();
    for (ApiResource type : parsed.types()) {
      String path = type.collectionPath(cluster.namespace()) + (selector == null ? ""
          : "?labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
      Cluster.Reply reply = cluster.get(path, Cluster.JSON);
      if (!reply.ok()) {
        throw new KubectlError(ServerErrors.describe(reply));
      }
      for (JsonNode item : Json.MAPPER.readTree(reply.body()).path("items")) {
        found.add(new ObjectRef(type, cluster.namespace(),
            item.path("metadata").path("name").asString()));
      }
    }
    if (found.isEmpty() && !wanted.delete()) {
      throw new KubectlError("error: no matching resources found");
    }
    return found;
  }

  /** Polls {@code ref} until the condition holds (true) or the deadline passes (false). */
  private static boolean waitFor(Cluster cluster, ObjectRef ref, WaitCondition wanted,
      Instant deadline) {
    while (true) {
      Optional<JsonNode> object = read(cluster, ref);
      if (object.isEmpty() ? wanted.delete() : wanted.metBy(object.get())) {
        return true;
      }
      if (object.isEmpty()) {
        throw new KubectlError("Error from server (NotFound): " + ref.type().qualifiedName()
            + " \"" + ref.name() + "\" not found");
      }
      if (!Instant.now().plus(PERIOD).isBefore(deadline)) {
        return false;
      }
      try {
        Thread.sleep(PERIOD);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KubectlError("error: interrupted");
      }
    }
  }

  private static Optional<JsonNode> read(Cluster cluster, ObjectRef ref) {
    Cluster.Reply reply = cluster.get(ref.path(), Cluster.JSON);
    if (reply.code() == 404) {
      return Optional.empty();
    }
    if (!reply.ok()) {
      throw new KubectlError(ServerErrors.describe(reply));
    }
    return Optional.of(Json.MAPPER.readTree(reply.body()));
  }
}
