package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code capstan kubectl get TYPE [NAME...]} and {@code get TYPE/NAME...}: a server-side Table
 * printed as kubectl prints it, or the objects with {@code -o yaml|json|name}. Missing names are
 * reported after what was found, and make the exit code 1, as in kubectl.
 */
@Command(name = "get", description = "Display one or many resources.")
final class GetCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE [NAME...] | TYPE/NAME...")
  List<String> args = new ArrayList<>();

  @Option(names = {"-A", "--all-namespaces"}, description = "List across all namespaces.")
  boolean allNamespaces;

  @Option(names = {"-l", "--selector"}, description = "Label selector to filter on.")
  String selector;

  @Option(names = {"-o", "--output"}, description = "wide, yaml, json or name.")
  String output = "";

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      if (!List.of("", "wide", "yaml", "json", "name").contains(output)) {
        throw new KubectlError("error: unable to match a printer suitable for the output format \""
            + output + "\", allowed formats are: json,name,wide,yaml");
      }
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        Request request = Request.parse(args, ResourceCatalog.discover(cluster));
        return get(cluster, request);
      }
    });
  }

  private int get(Cluster cluster, Request request) {
    ApiResource type = request.type();
    String namespace = allNamespaces && request.names().isEmpty() ? null : cluster.namespace();
    boolean table = output.isEmpty() || output.equals("wide");
    String accept = table ? Cluster.TABLE : Cluster.JSON;
    String base = type.collectionPath(namespace);
    List<JsonNode> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if (request.names().isEmpty()) {
      String query = "?limit=500" + (selector == null ? ""
          : "&labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
      found.add(fetch(cluster, base + query, accept));
    } else {
      for (String name : request.names()) {
        Cluster.Reply reply = cluster.get(base + "/" + name, accept);
        if (reply.ok()) {
          found.add(Json.MAPPER.readTree(reply.body()));
        } else {
          errors.add(ServerErrors.describe(reply));
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectOutput objects = new ObjectOutput(type);
    String text = switch (output) {
      case "yaml" -> GoYaml.write(objects.document(found, request.names().size() == 1));
      case "json" -> GoJson.write(objects.document(found, request.names().size() == 1));
      case "name" -> objects.names(found);
      default -> TableFormatter.rowCount(found) == 0 ? ""
          : new TableFormatter(output.equals("wide"), namespace == null && type.namespaced())
              .format(found);
    };
    out.print(text);
    out.flush();
    if (text.isEmpty() && errors.isEmpty()) {
      err.println(namespace != null && type.namespaced()
          ? "No resources found in " + namespace + " namespace." : "No resources found");
    }
    errors.forEach(err::println);
    err.flush();
    return errors.isEmpty() ? 0 : 1;
  }

  private static JsonNode fetch(Cluster cluster, String path, String accept) {
    Cluster.Reply reply = cluster.get(path, accept);
    if (!reply.ok()) {
      throw new KubectlError(ServerErrors.describe(reply));
    }
    return Json.MAPPER.readTree(reply.body());
  }

  /** The type and names the arguments ask for. */
  record Request(ApiResource type, List<String> names) {

    static Request parse(List<String> args, ResourceCatalog catalog) {
      if (args.isEmpty()) {
        throw new KubectlError("You must specify the type of resource to get. Use \""
            + "capstan kubectl api-resources\" for a complete list of supported resources.");
      }
      if (!args.getFirst().contains("/")) {
        if (args.getFirst().contains(",")) {
          throw new KubectlError("error: capstan kubectl get takes one resource type at a time");
        }
        return new Request(catalog.resolve(args.getFirst()), List.copyOf(args.subList(1,
            args.size())));
      }
      ApiResource type = null;
      List<String> names = new ArrayList<>();
      for (String arg : args) {
        int slash = arg.indexOf('/');
        if (slash <= 0 || slash == arg.length() - 1) {
          throw new KubectlError("error: arguments in resource/name form must have a single "
              + "resource and name");
        }
        ApiResource t = catalog.resolve(arg.substring(0, slash));
        if (type != null && !type.equals(t)) {
          throw new KubectlError("error: capstan kubectl get takes one resource type at a time");
        }
        type = t;
        names.add(arg.substring(slash + 1));
      }
      return new Request(type, List.copyOf(names));
    }
  }
}
