package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A kubeconfig document and the edits of {@code kubectl config}: kubectl's normalized view of it
 * (every top-level field present, secrets shown as {@code REDACTED} or {@code DATA+OMITTED} unless
 * raw, {@code --minify} to the current context), the context table, switching the current context
 * and setting a context's fields. Pure: reading and writing the file is the caller's.
 */
final class Kubeconfig {

  private static final Set<String> REDACTED = Set.of("token", "password");

  private final ObjectNode document;

  private Kubeconfig(ObjectNode document) {
    this.document = document;
  }

  static Kubeconfig parse(String yaml) {
    JsonNode node = yaml.isBlank() ? Json.object() : Json.YAML.readTree(yaml);
    return new Kubeconfig(node.isObject() ? ((ObjectNode) node).deepCopy() : Json.object());
  }

  /** The document as kubectl writes it back to the file. */
  String write() {
    return GoYaml.write(normalized(document));
  }

  Optional<String> currentContext() {
    return Optional.of(document.path("current-context").asString(""))
        .filter(s -> !s.isEmpty());
  }

  /** The contexts: name and its {@code context} fields. */
  List<JsonNode> contexts() {
    List<JsonNode> out = new ArrayList<>();
    document.path("contexts").forEach(out::add);
    return out;
  }

  Optional<JsonNode> context(String name) {
    return contexts().stream().filter(c -> c.path("name").asString("").equals(name)).findFirst();
  }

  /** Makes {@code name} current, or kubectl's error when there is no such context. */
  Kubeconfig useContext(String name) {
    if (context(name).isEmpty()) {
      throw new KubectlError("error: no context exists with the name: \"" + name + "\"");
    }
    ObjectNode copy = document.deepCopy();
    copy.put("current-context", name);
    return new Kubeconfig(copy);
  }

  /**
   * Sets {@code fields} (cluster, user, namespace) of context {@code name}, creating it if needed;
   * {@link #contextExists} tells whether it was created or modified.
   */
  Kubeconfig setContext(String name, Map<String, String> fields) {
    ObjectNode copy = document.deepCopy();
    JsonNode contexts = copy.path("contexts");
    ArrayNode list = contexts.isArray() ? (ArrayNode) contexts : copy.putArray("contexts");
    ObjectNode entry = null;
    for (JsonNode c : list) {
      if (c.path("name").asString("").equals(name)) {
        entry = (ObjectNode) c;
      }
    }
    if (entry == null) {
      entry = list.addObject();
      entry.put("name", name);
    }
    JsonNode context = entry.path("context");
    ObjectNode fieldsNode = context.isObject() ? (ObjectNode) context : entry.putObject("context");
    fields.forEach(fieldsNode::put);
    return new Kubeconfig(copy);
  }

  boolean contextExists(String name) {
    return context(name).isPresent();
  }

  /**
   * What {@code config view} shows: normalized, reduced to one context (and its cluster and
   * user) with {@code minify}, secrets hidden unless {@code raw}.
   */
  JsonNode view(boolean minify, boolean raw, Optional<String> contextOverride) {
    ObjectNode view = normalized(document);
    if (minify) {
      String current = contextOverride.or(this::currentContext).orElseThrow(() ->
          new KubectlError("error: current-context must exist in order to minify"));
      JsonNode context = context(current).orElseThrow(() ->
          new KubectlError("error: cannot locate context " + current));
      view.put("current-context", current);
      keep(view, "contexts", current);
      keep(view, "clusters", context.path("context").path("cluster").asString(""));
      keep(view, "users", context.path("context").path("user").asString(""));
    }
    if (!raw) {
      hideSecrets(view.path("clusters"), "cluster");
      hideSecrets(view.path("users"), "user");
    }
    return view;
  }

  private static void keep(ObjectNode view, String field, String name) {
    ArrayNode kept = Json.MAPPER.createArrayNode();
    view.path(field).forEach(e -> {
      if (e.path("name").asString("").equals(name)) {
        kept.add(e);
      }
    });
    view.set(field, kept);
  }

  private static void hideSecrets(JsonNode entries, String field) {
    for (JsonNode entry : entries) {
      JsonNode fields = entry.path(field);
      if (!fields.isObject()) {
        continue;
      }
      ObjectNode object = (ObjectNode) fields;
      for (String key : List.copyOf(object.propertyNames())) {
        if (key.endsWith("-data")) {
          object.put(key, "DATA+OMITTED");
        } else if (REDACTED.contains(key)) {
          object.put(key, "REDACTED");
        }
      }
    }
  }

  /** Every field kubectl writes, in a copy: missing lists as null, empty preferences. */
  private static ObjectNode normalized(ObjectNode document) {
    ObjectNode out = document.deepCopy();
    out.put("apiVersion", document.path("apiVersion").asString("v1"));
    out.put("kind", document.path("kind").asString("Config"));
    for (String list : List.of("clusters", "contexts", "users")) {
      if (!out.path(list).isArray()) {
        out.putNull(list);
        continue;
      }
      // kubectl holds these as maps keyed by name: it writes them sorted, with its struct's
      // always-present fields.
      List<JsonNode> entries = new ArrayList<>();
      out.path(list).forEach(entries::add);
      entries.sort(java.util.Comparator.comparing(e -> e.path("name").asString("")));
      ArrayNode sorted = out.putArray(list);
      for (JsonNode entry : entries) {
        if (list.equals("contexts") && entry.path("context").isObject()) {
          ObjectNode context = (ObjectNode) entry.path("context");
          context.put("cluster", context.path("cluster").asString(""));
          context.put("user", context.path("user").asString(""));
        }
        sorted.add(entry);
      }
    }
    out.put("current-context", document.path("current-context").asString(""));
    if (!out.path("preferences").isObject()) {
      out.putObject("preferences");
    }
    return out;
  }
}
