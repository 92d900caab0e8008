package io.capstan.apiserver.http;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.ResourceCatalog;
import io.capstan.apiserver.registry.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents, legacy ({@code /api}, {@code /apis}, {@code /apis/{group}}, resource
 * lists) and aggregated ({@code apidiscovery.k8s.io/v2}, which kubectl 1.32 asks for first). They
 * depend only on the catalog, so they are built once.
 */
final class Discovery {

  static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list",
      "patch", "update", "watch");

  private final ResourceCatalog catalog;

  Discovery(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  ObjectNode apiVersions(String serverAddress) {
    ObjectNode doc = Json.object();
    doc.put("kind", "APIVersions");
    doc.putArray("versions").add("v1");
    ObjectNode cidr = doc.putArray("serverAddressByClientCIDRs").addObject();
    cidr.put("clientCIDR", "0.0.0.0/0");
    cidr.put("serverAddress", serverAddress);
    return doc;
  }

  ObjectNode groupList() {
    ObjectNode doc = Json.object();
    doc.put("kind", "APIGroupList");
    doc.put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    for (String group : groups()) {
      groups.add(group(group));
    }
    return doc;
  }

  Optional<ObjectNode> apiGroup(String group) {
    if (group.isEmpty() || !groups().contains(group)) {
      return Optional.empty();
    }
    ObjectNode doc = group(group);
    doc.put("kind", "APIGroup");
    doc.put("apiVersion", "v1");
    return Optional.of(doc);
  }

  private ObjectNode group(String group) {
    ObjectNode g = Json.object();
    g.put("name", group);
    ObjectNode version = Json.object();
    version.put("groupVersion", group + "/v1");
    version.put("version", "v1");
    g.putArray("versions").add(version);
    g.set("preferredVersion", version.deepCopy());
    return g;
  }

  /** The named groups, in catalog order. */
  List<String> groups() {
    return catalog.types().stream().map(ResourceType::group).filter(g -> !g.isEmpty())
        .distinct().toList();
  }

  Optional<ObjectNode> resourceList(String group, String version) {
    List<ResourceType> types = typesOf(group, version);
    if (types.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode doc = Json.object();
    doc.put("kind", "APIResourceList");
    doc.put("apiVersion", "v1");
    doc.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = doc.putArray("resources");
    for (ResourceType type : types) {
      ObjectNode r = resources.addObject();
      r.put("name", type.plural());
      r.put("singularName", type.singular());
      r.put("namespaced", type.namespaced());
      r.put("kind", type.kind());
      strings(r.putArray("verbs"), VERBS);
      if (!type.shortNames().isEmpty()) {
        strings(r.putArray("shortNames"), type.shortNames());
      }
      if (!type.categories().isEmpty()) {
        strings(r.putArray("categories"), type.categories());
      }
      for (Subresource sub : subresources(type)) {
        ObjectNode s = resources.addObject();
        s.put("name", type.plural() + "/" + sub.name());
        s.put("singularName", "");
        s.put("namespaced", type.namespaced());
        if (!sub.group().equals(type.group())) {
          s.put("group", sub.group());
          s.put("version", sub.version());
        }
        s.put("kind", sub.kind());
        strings(s.putArray("verbs"), sub.verbs());
      }
    }
    return Optional.of(doc);
  }

  /** {@code apidiscovery.k8s.io} APIGroupDiscoveryList for {@code /api} (core) or {@code /apis}. */
  ObjectNode aggregated(boolean core, String version) {
    ObjectNode doc = Json.object();
    doc.put("kind", "APIGroupDiscoveryList");
    doc.put("apiVersion", "apidiscovery.k8s.io/" + version);
    doc.putObject("metadata");
    ArrayNode items = doc.putArray("items");
    List<String> groups = core ? List.of("") : groups();
    for (String group : groups) {
      ObjectNode item = items.addObject();
      ObjectNode meta = item.putObject("metadata");
      if (!group.isEmpty()) {
        meta.put("name", group);
      }
      ObjectNode v = item.putArray("versions").addObject();
      v.put("version", "v1");
      ArrayNode resources = v.putArray("resources");
      for (ResourceType type : typesOf(group, "v1")) {
        ObjectNode r = resources.addObject();
        r.put("resource", type.plural());
        r.set("responseKind", kind(type.group(), type.version(), type.kind()));
        r.put("scope", type.namespaced() ? "Namespaced" : "Cluster");
        r.put("singularResource", type.singular());
        strings(r.putArray("verbs"), VERBS);
        if (!type.shortNames().isEmpty()) {
          strings(r.putArray("shortNames"), type.shortNames());
        }
        if (!type.categories().isEmpty()) {
          strings(r.putArray("categories"), type.categories());
        }
        List<Subresource> subs = subresources(type);
        if (!subs.isEmpty()) {
          ArrayNode subresources = r.putArray("subresources");
          for (Subresource sub : subs) {
            ObjectNode s = subresources.addObject();
            s.put("subresource", sub.name());
            s.set("responseKind", kind(sub.group(), sub.version(), sub.kind()));
            strings(s.putArray("verbs"), sub.verbs());
          }
        }
      }
      v.put("freshness", "Current");
    }
    return doc;
  }

  private List<ResourceType> typesOf(String group, String version) {
    return catalog.types().stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .toList();
  }

  private static List<Subresource> subresources(ResourceType type) {
    Map<String, Subresource> subs = new LinkedHashMap<>();
    for (String name : type.subresources().stream().sorted().toList()) {
      Subresource sub = switch (name) {
        case "status" -> new Subresource(name, type.group(), type.version(), type.kind(),
            List.of("get", "patch", "update"));
        case "scale" -> new Subresource(name, "autoscaling", "v1", "Scale",
            List.of("get", "patch", "update"));
        case "binding" -> new Subresource(name, "", "v1", "Binding", List.of("create"));
        case "finalize" -> new Subresource(name, "", "v1", "Namespace", List.of("update"));
        case "log" -> new Subresource(name, "", "v1", "Pod", List.of("get"));
        case "eviction" -> new Subresource(name, "policy", "v1", "Eviction", List.of("create"));
        case "token" -> new Subresource(name, "authentication.k8s.io", "v1", "TokenRequest",
            List.of("create"));
        default -> null;
      };
      if (sub != null) {
        subs.put(name, sub);
      }
    }
    return List.copyOf(subs.values());
  }

  private static ObjectNode kind(String group, String version, String kind) {
    ObjectNode k = Json.object();
    k.put("group", group);
    k.put("version", version);
    k.put("kind", kind);
    return k;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private record Subresource(String name, String group, String version, String kind,
      List<String> verbs) {}
}
