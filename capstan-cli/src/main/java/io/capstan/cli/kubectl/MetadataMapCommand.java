package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code label} and {@code annotate} share: the objects named by the arguments (or by
 * {@code -l} / {@code --all}), the {@code KEY=VALUE} / {@code KEY-} changes after them, and one
 * merge patch of {@code metadata.labels} or {@code metadata.annotations} per object.
 */
final class MetadataMapCommand {

  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  /** Whether this is {@code label} or {@code annotate}: the field and kubectl's words. */
  enum Kind {
    LABELS("labels", "label"), ANNOTATIONS("annotations", "annotation");

    final String field;
    final String noun;

    Kind(String field, String noun) {
      this.field = field;
      this.noun = noun;
    }
  }

  private MetadataMapCommand() {}

  static int run(CommandLine.Model.CommandSpec spec, Kind kind, List<String> args,
      boolean overwrite, String selector, boolean all) {
    int firstChange = 0;
    while (firstChange < args.size() && !args.get(firstChange).contains("=")
        && !args.get(firstChange).endsWith("-")) {
      firstChange++;
    }
    List<String> objects = args.subList(0, firstChange);
    KeyValueChanges changes = KeyValueChanges.parse(args.subList(firstChange, args.size()),
        kind.noun);
    if (changes.isEmpty()) {
      throw new KubectlError("error: at least one " + kind.noun + " update is required");
    }
    if (kind == Kind.LABELS) {
      changes.set().forEach((key, value) -> {
        if (!LABEL_VALUE.matcher(value).matches() || value.length() > 63) {
          throw new KubectlError("error: invalid label value: \"" + key + "=" + value + "\": a "
              + "valid label must be an empty string or consist of alphanumeric characters, "
              + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
              + "'MyValue',  or 'my_value',  or '12345', regex used for validation is "
              + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        }
      });
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = ClusterOptions.of(spec).connect()) {
      List<ObjectRef> refs = refs(cluster, objects, selector, all);
      List<String> errors = new ArrayList<>();
      for (ObjectRef ref : refs) {
        Cluster.Reply live = cluster.get(ref.path(), Cluster.JSON);
        if (!live.ok()) {
          errors.add(ServerErrors.describe(live));
          continue;
        }
        JsonNode object = Json.MAPPER.readTree(live.body());
        Map<String, String> current = new TreeMap<>();
        object.path("metadata").path(kind.field).properties()
            .forEach(e -> current.put(e.getKey(), e.getValue().asString()));
        List<String> conflicts = changes.conflicts(current, overwrite);
        if (!conflicts.isEmpty()) {
          throw new KubectlError(kind == Kind.LABELS
              ? "error: " + String.join(", ", conflicts) + ", and --overwrite is false"
              : "error: --overwrite is false but found the following declared annotation(s): "
                  + String.join(", ", conflicts));
        }
        if (kind == Kind.LABELS) {
          changes.missing(current).forEach(k -> out.println("label \"" + k + "\" not found."));
        }
        Map<String, String> updated = changes.applyTo(current);
        if (!updated.equals(current)) {
          ObjectNode values = Json.object();
          current.keySet().forEach(k -> {
            if (!updated.containsKey(k)) {
              values.putNull(k);
            }
          });
          updated.forEach((k, v) -> {
            if (!v.equals(current.get(k))) {
              values.put(k, v);
            }
          });
          ObjectNode patch = Json.object();
          patch.putObject("metadata").set(kind.field, values);
          Cluster.Reply reply = cluster.send("PATCH", ref.path(),
              "application/merge-patch+json", Json.MAPPER.writeValueAsString(patch),
              Cluster.JSON);
          if (!reply.ok()) {
            errors.add(ServerErrors.describe(reply));
            continue;
          }
        }
        out.println(ref.display() + " " + message(kind, current, updated, overwrite));
        out.flush();
      }
      PrintWriter err = spec.commandLine().getErr();
      errors.forEach(err::println);
      err.flush();
      return errors.isEmpty() ? 0 : 1;
    }
  }

  /** kubectl compares the encoded objects: changed, and shorter unless overwriting, is "un". */
  private static String message(Kind kind, Map<String, String> before,
      Map<String, String> after, boolean overwrite) {
    if (kind == Kind.ANNOTATIONS) {
      return "annotated";
    }
    if (before.equals(after)) {
      return "not labeled";
    }
    return !overwrite && Json.MAPPER.writeValueAsString(after).length()
        < Json.MAPPER.writeValueAsString(before).length() ? "unlabeled" : "labeled";
  }

  private static List<ObjectRef> refs(Cluster cluster, List<String> objects, String selector,
      boolean all) {
    if (objects.isEmpty()) {
      throw new KubectlError("error: one or more resources must be specified as <resource> "
          + "<name> or <resource>/<name>");
    }
    ResourceArgs parsed = ResourceArgs.parse(objects, ResourceCatalog.discover(cluster),
        cluster.namespace());
    if (!parsed.typesOnly()) {
      return parsed.named();
    }
    if (selector == null && !all) {
      throw new KubectlError("error: resource(s) were provided, but no name was specified");
    }
    List<ObjectRef> out = new ArrayList<>();
    for (ApiResource type : parsed.types()) {
      String query = selector == null ? ""
          : "?labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8);
      Cluster.Reply reply = cluster.get(type.collectionPath(cluster.namespace()) + query,
          Cluster.JSON);
      if (!reply.ok()) {
        throw new KubectlError(ServerErrors.describe(reply));
      }
      for (JsonNode item : Json.MAPPER.readTree(reply.body()).path("items")) {
        out.add(new ObjectRef(type, cluster.namespace(),
            item.path("metadata").path("name").asString()));
      }
    }
    return out;
  }
}
