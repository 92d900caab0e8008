package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The resource types a server serves, read from its discovery documents, and kubectl's way of
 * naming them: {@code po}, {@code pod}, {@code pods}, {@code Pod}, and any of those followed by
 * {@code .group} or {@code .version.group}. Core types come first, then the groups in the order the
 * server lists them, so the first match is the one kubectl would pick.
 */
final class ResourceCatalog {

  private final List<ApiResource> resources;

  ResourceCatalog(List<ApiResource> resources) {
    this.resources = List.copyOf(resources);
  }

  /** Reads {@code /api/v1}, {@code /apis} and each group's preferred version. */
  static ResourceCatalog discover(Cluster cluster) {
    List<ApiResource> found = new ArrayList<>(parse(fetch(cluster, "/api/v1"), "", "v1"));
    for (JsonNode group : fetch(cluster, "/apis").path("groups")) {
      String name = group.path("name").asString();
      String version = group.path("preferredVersion").path("version").asString();
      found.addAll(parse(fetch(cluster, "/apis/" + name + "/" + version), name, version));
    }
    return new ResourceCatalog(found);
  }

  private static JsonNode fetch(Cluster cluster, String path) {
    Cluster.Reply reply = cluster.get(path, Cluster.JSON);
    if (!reply.ok()) {
      throw new KubectlError("error: the server could not list " + path + " (" + reply.code()
          + ")");
    }
    return Json.MAPPER.readTree(reply.body());
  }

  /** The resources of one APIResourceList document, without subresources. */
  static List<ApiResource> parse(JsonNode list, String group, String version) {
    List<ApiResource> out = new ArrayList<>();
    for (JsonNode r : list.path("resources")) {
      String name = r.path("name").asString();
      if (name.contains("/")) {
        continue;
      }
      List<String> shortNames = new ArrayList<>();
      r.path("shortNames").forEach(s -> shortNames.add(s.asString()));
      String singular = r.path("singularName").asString("");
      String kind = r.path("kind").asString();
      out.add(new ApiResource(name,
          singular.isEmpty() ? kind.toLowerCase(Locale.ROOT) : singular, kind,
          List.copyOf(shortNames), group, version, r.path("namespaced").asBoolean()));
    }
    return out;
  }

  List<ApiResource> all() {
    return resources;
  }

  /** The type that {@code typed} names, or kubectl's error when the server has none. */
  ApiResource resolve(String typed) {
    return find(typed).orElseThrow(() -> new KubectlError(
        "error: the server doesn't have a resource type \"" + typed + "\""));
  }

  /**
   * The type of an object read from a file, by its {@code apiVersion} and {@code kind}, or
   * kubectl's "no matches for kind" error.
   */
  ApiResource forKind(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    for (ApiResource r : resources) {
      if (r.kind().equals(kind) && r.group().equals(group) && r.version().equals(version)) {
        return r;
      }
    }
    throw new KubectlError("error: resource mapping not found for kind \"" + kind
        + "\" in version \"" + apiVersion + "\": no matches for kind \"" + kind
        + "\" in version \"" + apiVersion + "\"\nensure CRDs are installed first");
  }

  Optional<ApiResource> find(String typed) {
    String lower = typed.toLowerCase(Locale.ROOT);
    int dot = lower.indexOf('.');
    String resource = dot < 0 ? lower : lower.substring(0, dot);
    String qualifier = dot < 0 ? null : lower.substring(dot + 1);
    for (ApiResource r : resources) {
      if (names(r, resource) && qualifies(r, qualifier)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private static boolean names(ApiResource r, String resource) {
    return r.name().equals(resource) || r.singular().equals(resource)
        || r.kind().toLowerCase(Locale.ROOT).equals(resource)
        || r.shortNames().contains(resource);
  }

  private static boolean qualifies(ApiResource r, String qualifier) {
    return qualifier == null || qualifier.equals(r.group())
        || qualifier.equals(r.version() + "." + r.group())
        || (r.group().isEmpty() && qualifier.equals(r.version()));
  }
}
