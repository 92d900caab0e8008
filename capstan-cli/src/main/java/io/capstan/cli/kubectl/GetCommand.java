package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * {@code capstan kubectl get TYPE[,TYPE...] [NAME...]} and {@code get TYPE/NAME...}: server-side
 * Tables printed as kubectl prints them (one table per type, names prefixed by their kind when
 * several types are asked for), or the objects through {@code -o yaml|json|name|jsonpath|
 * custom-columns}; {@code -w} then prints a row per change. Missing names are reported after what
 * was found, and make the exit code 1, as in kubectl.
 */
@Command(name = "get", description = "Display one or many resources.")
final class GetCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE [NAME...] | TYPE/NAME...",
      completionCandidates = ResourceTypeCandidates.class)
  List<String> args = new ArrayList<>();

  @Option(names = {"-A", "--all-namespaces"}, description = "List across all namespaces.")
  boolean allNamespaces;

  @Option(names = {"-l", "--selector"}, description = "Label selector to filter on.")
  String selector;

  @Option(names = "--field-selector", description = "Field selector to filter on.")
  String fieldSelector;

  @Option(names = {"-o", "--output"}, description = "wide, yaml, json, name, jsonpath=TEMPLATE, "
      + "jsonpath-file=FILE, jsonpath-as-json=TEMPLATE, custom-columns=SPEC, "
      + "custom-columns-file=FILE.")
  String output = "";

  @Option(names = "--show-labels", description = "Show all labels as the last column.")
  boolean showLabels;

  @Option(names = {"-L", "--label-columns"}, split = ",",
      description = "Labels to show as columns.")
  List<String> labelColumns = new ArrayList<>();

  @Option(names = "--no-headers", description = "Print no header line.")
  boolean noHeaders;

  @Option(names = "--sort-by", description = "Sort by the value of a JSONPath expression.")
  String sortBy;

  @Option(names = {"-w", "--watch"}, description = "After listing, watch for changes.")
  boolean watch;

  @Option(names = "--watch-only", description = "Watch for changes without listing first.")
  boolean watchOnly;

  @Option(names = "--allow-missing-template-keys", arity = "0..1", fallbackValue = "true",
      description = "Ignore missing keys in templates (default true).")
  boolean allowMissingKeys = true;

  @Option(names = "--request-timeout", description = "How long to wait (0 = no limit), e.g. 5s.")
  String requestTimeout = "0";

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      OutputFormat format = OutputFormat.parse(output);
      if ((showLabels || !labelColumns.isEmpty()) && !format.table()) {
        throw new KubectlError("error: --show-labels option cannot be used with " + output
            + " printer");
      }
      ObjectPrinter printer = ObjectPrinter.of(format, allowMissingKeys, noHeaders);
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        ResourceCatalog catalog = ResourceCatalog.discover(cluster);
        GetRequest request = GetRequest.parse(args, catalog,
            category -> ResourceCategories.expand(cluster, catalog, category));
        if ((watch || watchOnly) && request.groups().size() != 1) {
          throw new KubectlError("error: you may only specify a single resource type");
        }
        return format.table() ? printTables(cluster, request, format)
            : printObjects(cluster, request, printer);
      }
    });
  }

  private int printTables(Cluster cluster, GetRequest request, OutputFormat format)
      throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    List<String> errors = new ArrayList<>();
    boolean printed = false;
    for (GetRequest.Group group : request.groups()) {
      String namespace = namespace(cluster, request);
      TableFormatter formatter = new TableFormatter(format.wide(),
          namespace == null && group.type().namespaced(), labelColumns, showLabels,
          request.showKind() ? group.type().qualifiedKind() : "", noHeaders);
      List<JsonNode> tables = fetch(cluster, group, namespace, Cluster.TABLE, errors);
      if (sortBy != null) {
        tables = List.of(RowSorter.sortTable(tables, sortBy));
      }
      if (watch || watchOnly) {
        TableWatch w = new TableWatch(cluster, formatter, out);
        JsonNode table = tables.isEmpty() ? Json.object() : tables.getFirst();
        w.printList(table, watchOnly);
        if (!errors.isEmpty()) {
          break;
        }
        w.watch(group.type().collectionPath(namespace), query(group), table.path("metadata")
            .path("resourceVersion").asString("0"), timeout());
        return 0;
      }
      if (TableFormatter.rowCount(tables) == 0) {
        continue;
      }
      if (printed && !noHeaders) {
        out.println();
      }
      out.print(formatter.format(tables));
      printed = true;
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    if (!printed && errors.isEmpty()) {
      String namespace = namespace(cluster, request);
      boolean namespaced = request.groups().stream().anyMatch(g -> g.type().namespaced());
      err.println(namespace != null && namespaced
          ? "No resources found in " + namespace + " namespace." : "No resources found");
    }
    errors.forEach(err::println);
    err.flush();
    return errors.isEmpty() ? 0 : 1;
  }

  /** The list reply a watch starts from (the named object's, through a field selector). */
  private JsonNode found(Cluster cluster, GetRequest.Group group, GetRequest request) {
    List<JsonNode> replies = fetch(cluster, group, namespace(cluster, request), Cluster.JSON,
        new ArrayList<>());
    return replies.isEmpty() ? Json.object() : replies.getFirst();
  }

  private int printObjects(Cluster cluster, GetRequest request, ObjectPrinter printer)
      throws InterruptedException {
    List<JsonNode> items = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    JsonNode single = null;
    for (GetRequest.Group group : request.groups()) {
      List<JsonNode> found = fetch(cluster, group, namespace(cluster, request), Cluster.JSON,
          errors);
      new ObjectOutput(group.type()).document(found, false).path("items").forEach(items::add);
      if (request.singleItem() && !found.isEmpty() && !found.getFirst().has("items")) {
        single = found.getFirst();
      }
    }
    if (sortBy != null) {
      items = RowSorter.sortObjects(items, sortBy);
    }
    if (watch || watchOnly) {
      GetRequest.Group group = request.groups().getFirst();
      JsonNode list = found(cluster, group, request);
      new ObjectWatch(printer, spec.commandLine().getOut()).run(items, watchOnly,
          new WatchStream(cluster, Cluster.JSON), group.type().collectionPath(
              namespace(cluster, request)), query(group),
          list.path("metadata").path("resourceVersion").asString("0"), timeout());
      return 0;
    }
    String text = printer.print(single, items, GetNames.of(items));
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    errors.forEach(err::println);
    err.flush();
    return errors.isEmpty() ? 0 : 1;
  }

  /** The list (one reply) or the named objects (one reply each); failures go to errors. */
  private List<JsonNode> fetch(Cluster cluster, GetRequest.Group group, String namespace,
      String accept, List<String> errors) {
    String base = group.type().collectionPath(namespace);
    List<JsonNode> found = new ArrayList<>();
    if (group.names().isEmpty()) {
      String query = query(group);
      if (sortBy != null && accept.equals(Cluster.TABLE)) {
        query += (query.isEmpty() ? "" : "&") + "includeObject=Object";
      }
      Cluster.Reply reply = cluster.get(base + "?limit=500" + (query.isEmpty() ? "" : "&"
          + query), accept);
      if (!reply.ok()) {
        throw new KubectlError(ServerErrors.describe(reply));
      }
      found.add(Json.MAPPER.readTree(reply.body()));
      return found;
    }
    for (String name : group.names()) {
      if (watch || watchOnly) {
        Cluster.Reply reply = cluster.get(base + "?fieldSelector=" + encode("metadata.name="
            + name), accept);
        found.add(Json.MAPPER.readTree(reply.body()));
        continue;
      }
      Cluster.Reply reply = cluster.get(base + "/" + name, accept);
      if (reply.ok()) {
        found.add(Json.MAPPER.readTree(reply.body()));
      } else {
        errors.add(ServerErrors.describe(reply));
      }
    }
    return found;
  }

  private String query(GetRequest.Group group) {
    List<String> parts = new ArrayList<>();
    if (selector != null) {
      parts.add("labelSelector=" + encode(selector));
    }
    List<String> fields = new ArrayList<>();
    if (fieldSelector != null) {
      fields.add(fieldSelector);
    }
    if ((watch || watchOnly) && group.names().size() == 1) {
      fields.add("metadata.name=" + group.names().getFirst());
    }
    if (!fields.isEmpty()) {
      parts.add("fieldSelector=" + encode(String.join(",", fields)));
    }
    return String.join("&", parts);
  }

  private String namespace(Cluster cluster, GetRequest request) {
    return allNamespaces && !request.named() ? null : cluster.namespace();
  }

  private Optional<Duration> timeout() {
    Duration d = Durations.parse(requestTimeout);
    return d.isZero() ? Optional.empty() : Optional.of(d);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
