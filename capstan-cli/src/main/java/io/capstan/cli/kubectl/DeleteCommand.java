package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code capstan kubectl delete}: objects named as {@code TYPE NAME...} or {@code TYPE/NAME...},
 * read from {@code -f}, or picked by {@code -l} or {@code --all}; then, as kubectl does by
 * default ({@code --wait}), waits until each deleted object is gone.
 */
@Command(name = "delete", description = "Delete resources by file names, stdin, resources and "
    + "names, or by resources and label selector.")
final class DeleteCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE [NAME...] | TYPE/NAME...")
  List<String> args = new ArrayList<>();

  @Option(names = {"-f", "--filename"}, description = "Files, directories or - for stdin.")
  List<String> filenames = new ArrayList<>();

  @Option(names = {"-R", "--recursive"}, description = "Process directories recursively.")
  boolean recursive;

  @Option(names = {"-l", "--selector"}, description = "Label selector.")
  String selector;

  @Option(names = "--all", description = "Delete all resources of the types.")
  boolean all;

  @Option(names = "--cascade", arity = "0..1", fallbackValue = "background",
      description = "background, foreground or orphan.")
  String cascade = "background";

  @Option(names = "--grace-period", description = "Seconds given to the object to terminate.")
  int gracePeriod = -1;

  @Option(names = "--ignore-not-found", description = "Treat \"resource not found\" as success.")
  boolean ignoreNotFound;

  @Option(names = "--wait", arity = "0..1", fallbackValue = "true",
      description = "Wait for the objects to be gone.")
  boolean waitForDeletion = true;

  @Option(names = "--timeout", description = "How long to wait, e.g. 30s; 0 waits forever.")
  String timeout = "0s";

  @Option(names = {"-o", "--output"}, description = "name: print only the object names.")
  String output = "";

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      String propagation = switch (cascade) {
        case "background", "true" -> "Background";
        case "foreground" -> "Foreground";
        case "orphan", "false" -> "Orphan";
        default -> throw new KubectlError("error: invalid cascade value (" + cascade
            + "). Must be \"background\", \"foreground\", or \"orphan\"");
      };
      ClusterOptions options = ClusterOptions.of(spec);
      try (Cluster cluster = options.connect()) {
        List<Target> targets = targets(cluster, options);
        PrintWriter out = spec.commandLine().getOut();
        List<String> errors = new ArrayList<>();
        List<Deleted> deleted = new ArrayList<>();
        String body = Json.MAPPER.writeValueAsString(deleteOptions(propagation));
        for (Target target : targets) {
          Cluster.Reply reply = cluster.send("DELETE", target.ref().path(), Cluster.JSON, body,
              Cluster.JSON);
          if (reply.code() == 404 && ignoreNotFound) {
            continue;
          }
          if (!reply.ok()) {
            errors.add(target.source() == null ? ServerErrors.describe(reply)
                : WriteErrors.when("deleting", target.source(), reply));
            continue;
          }
          String uid = Json.MAPPER.readTree(reply.body()).path("metadata").path("uid")
              .asString("");
          deleted.add(new Deleted(target.ref(), uid));
          out.println(output.equals("name") ? target.ref().display()
              : target.ref().type().qualifiedKind() + " \"" + target.ref().name() + "\" deleted");
          out.flush();
        }
        if (waitForDeletion) {
          Duration limit = GoDuration.parse(timeout, "--timeout");
          for (Deleted d : deleted) {
            DeletionWait.untilGone(cluster, d.ref(), d.uid(), limit);
          }
        }
        PrintWriter err = spec.commandLine().getErr();
        errors.forEach(err::println);
        err.flush();
        return errors.isEmpty() ? 0 : 1;
      }
    });
  }

  private ObjectNode deleteOptions(String propagation) {
    ObjectNode options = Json.object();
    options.put("kind", "DeleteOptions");
    options.put("apiVersion", "v1");
    options.put("propagationPolicy", propagation);
    if (gracePeriod >= 0) {
      options.put("gracePeriodSeconds", gracePeriod);
    }
    return options;
  }

  private List<Target> targets(Cluster cluster, ClusterOptions options) {
    if (!filenames.isEmpty()) {
      if (!args.isEmpty()) {
        throw new KubectlError("error: there is no need to specify a resource type as a separate"
            + " argument when passing arguments in resource/name form (e.g. 'kubectl get "
            + "resource/<resource_name>' instead of 'kubectl get resource "
            + "resource/<resource_name>'");
      }
      ResourceCatalog catalog = ResourceCatalog.discover(cluster);
      List<Target> out = new ArrayList<>();
      for (ManifestFiles.Manifest m : ManifestFiles.read("delete", filenames, recursive,
          System.in)) {
        out.add(new Target(ManifestTarget.of(m, catalog, cluster.namespace(),
            options.namespaceGiven()).ref(), m.source()));
      }
      return out;
    }
    if (args.isEmpty()) {
      throw new KubectlError("error: You must provide one or more resources by argument or "
          + "filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   "
          + "'--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    ResourceArgs parsed = ResourceArgs.parse(args, ResourceCatalog.discover(cluster),
        cluster.namespace());
    if (!parsed.typesOnly()) {
      if (all || selector != null) {
        throw new KubectlError("error: name cannot be provided when a selector is specified");
      }
      return parsed.named().stream().map(r -> new Target(r, null)).toList();
    }
    if (!all && selector == null) {
      throw new KubectlError("error: resource(s) were provided, but no name was specified");
    }
    List<Target> out = new ArrayList<>();
    for (ApiResource type : parsed.types()) {
      String query = selector == null ? ""
          : "?labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8);
      Cluster.Reply reply = cluster.get(type.collectionPath(cluster.namespace()) + query,
          Cluster.JSON);
      if (!reply.ok()) {
        throw new KubectlError(ServerErrors.describe(reply));
      }
      for (JsonNode item : Json.MAPPER.readTree(reply.body()).path("items")) {
        out.add(new Target(new ObjectRef(type, cluster.namespace(),
            item.path("metadata").path("name").asString()), null));
      }
    }
    if (out.isEmpty()) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println("No resources found");
      stdout.flush();
    }
    return out;
  }

  /** One object to delete, and the file it came from, if any. */
  private record Target(ObjectRef ref, String source) {}

  private record Deleted(ObjectRef ref, String uid) {}
}
