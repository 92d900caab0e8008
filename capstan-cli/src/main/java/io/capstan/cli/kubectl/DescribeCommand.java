package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code capstan kubectl describe TYPE [NAME_PREFIX...]}, {@code TYPE/NAME...} or {@code TYPE -l
 * selector}: each object's description, two blank lines apart. As in kubectl, a single name that
 * is not an object's is taken as a prefix of names (and those descriptions are printed one blank
 * line apart, as kubectl's {@code DescribeMatchingResources} does); when nothing matches, the
 * server's NotFound is shown and the exit code is 1.
 */
@Command(name = "describe", description = "Show details of a specific resource or group of "
    + "resources.")
final class DescribeCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE [NAME_PREFIX...] | TYPE/NAME...")
  List<String> args = new ArrayList<>();

  @Option(names = {"-A", "--all-namespaces"}, description = "Describe across all namespaces.")
  boolean allNamespaces;

  @Option(names = {"-l", "--selector"}, description = "Label selector to filter on.")
  String selector;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      if (args.isEmpty()) {
        throw new KubectlError("You must specify the type of resource to describe. Use \""
            + "capstan kubectl api-resources\" for a complete list of supported resources.");
      }
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        ResourceArgs parsed = ResourceArgs.parse(args, ResourceCatalog.discover(cluster),
            cluster.namespace());
        return describe(cluster, parsed);
      }
    });
  }

  private int describe(Cluster cluster, ResourceArgs parsed) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ClusterSource source = new ClusterSource(cluster);
    List<Found> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if (parsed.typesOnly()) {
      for (ApiResource type : parsed.types()) {
        String path = type.collectionPath(allNamespaces ? null : cluster.namespace());
        path = selector == null ? path : DescribeSource.withLabels(path, selector);
        Cluster.Reply reply = cluster.get(path, Cluster.JSON);
        if (!reply.ok()) {
          throw new KubectlError(ServerErrors.describe(reply));
        }
        Json.MAPPER.readTree(reply.body()).path("items").forEach(o -> found.add(new Found(type,
            o)));
      }
      if (found.isEmpty()) {
        err.println(allNamespaces || !parsed.types().getFirst().namespaced()
            ? "No resources found" : "No resources found in " + cluster.namespace()
                + " namespace.");
      }
    } else {
      for (ObjectRef ref : parsed.named()) {
        Cluster.Reply reply = cluster.get(ref.path(), Cluster.JSON);
        if (reply.ok()) {
          found.add(new Found(ref.type(), Json.MAPPER.readTree(reply.body())));
        } else {
          errors.add(ServerErrors.describe(reply));
        }
      }
      if (args.size() == 2 && !args.getFirst().contains("/") && errors.size() == 1
          && errors.getFirst().startsWith("Error from server (NotFound)")) {
        ObjectRef ref = parsed.named().getFirst();
        List<JsonNode> prefixed = byPrefix(source, ref);
        if (!prefixed.isEmpty()) {
          describeMatching(source, ref.type(), prefixed);
          return 0;
        }
      }
    }
    DescribeContext context = DescribeContext.system();
    boolean first = true;
    for (Found f : found) {
      String text = Describer.forKind(f.type().group(), f.type().kind())
          .describe(f.object(), source, context);
      out.print(first ? text : "\n\n" + text);
      first = false;
    }
    out.flush();
    errors.forEach(err::println);
    err.flush();
    return errors.isEmpty() ? 0 : 1;
  }

  /** kubectl's {@code DescribeMatchingResources}: each description followed by a newline. */
  private void describeMatching(ClusterSource source, ApiResource type, List<JsonNode> objects) {
    PrintWriter out = spec.commandLine().getOut();
    DescribeContext context = DescribeContext.system();
    for (JsonNode o : objects) {
      out.print(Describer.forKind(type.group(), type.kind()).describe(o, source, context) + "\n");
    }
    out.flush();
  }

  /** The objects of the type whose names start with the name asked for. */
  private static List<JsonNode> byPrefix(ClusterSource source, ObjectRef ref) {
    return source.list(ref.type().collectionPath(ref.type().namespaced() ? ref.namespace()
        : null)).stream()
        .filter(o -> o.path("metadata").path("name").asString("").startsWith(ref.name()))
        .toList();
  }

  private record Found(ApiResource type, JsonNode object) {}
}
