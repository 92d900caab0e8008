package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Deployment's revisions: the ReplicaSets it controls, by their
 * {@code deployment.kubernetes.io/revision} annotation. It answers {@code rollout history} and
 * computes {@code rollout undo} as kubectl's {@code DeploymentRollbacker} does: the revision
 * asked for (or the newest but one), skipped when its template already is the Deployment's, else
 * a JSON patch that replaces the Deployment's template with the ReplicaSet's (without its
 * {@code pod-template-hash} label) and its annotations with the ReplicaSet's, keeping the
 * Deployment's own bookkeeping annotations.
 */
final class RevisionHistory {

  static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
  static final String HASH = "pod-template-hash";
  /** Annotations that belong to the Deployment, not to a revision (kubectl's annotationsToSkip). */
  static final Set<String> DEPLOYMENT_ANNOTATIONS = Set.of(
      "kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision",
      "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
      "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to");

  private final TreeMap<Long, JsonNode> byRevision = new TreeMap<>();

  /** The revisions among {@code replicaSets} that {@code deployment} controls. */
  RevisionHistory(JsonNode deployment, Iterable<JsonNode> replicaSets) {
    String uid = deployment.path("metadata").path("uid").asString("");
    for (JsonNode rs : replicaSets) {
      boolean owned = false;
      for (JsonNode owner : rs.path("metadata").path("ownerReferences")) {
        owned |= owner.path("controller").asBoolean(false)
            && owner.path("uid").asString("").equals(uid);
      }
      if (owned) {
        RolloutProgress.revisionOf(rs).ifPresent(r -> byRevision.put(r, rs));
      }
    }
  }

  boolean isEmpty() {
    return byRevision.isEmpty();
  }

  Optional<JsonNode> replicaSet(long revision) {
    return Optional.ofNullable(byRevision.get(revision));
  }

  /** The ReplicaSet {@code undo} goes back to: revision {@code to}, or for 0 the newest but one. */
  JsonNode rollbackTarget(String deploymentName, long to) {
    if (to > 0) {
      return replicaSet(to).orElseThrow(() -> new KubectlError(
          "error: unable to find specified revision " + to + " in history"));
    }
    if (byRevision.size() < 2) {
      throw new KubectlError("error: no rollout history found for deployment \""
          + deploymentName + "\"");
    }
    return byRevision.lowerEntry(byRevision.lastKey()).getValue();
  }

  /** The template a revision's pods are made from, with its change cause as an annotation. */
  ObjectNode template(long revision) {
    JsonNode rs = byRevision.get(revision);
    ObjectNode template = copy(rs.path("spec").path("template"));
    String cause = rs.path("metadata").path("annotations").path(CHANGE_CAUSE).asString("");
    if (!cause.isEmpty()) {
      ObjectNode metadata = template.has("metadata") ? (ObjectNode) template.get("metadata")
          : template.putObject("metadata");
      ObjectNode annotations = metadata.has("annotations")
          ? (ObjectNode) metadata.get("annotations") : metadata.putObject("annotations");
      annotations.put(CHANGE_CAUSE, cause);
    }
    return template;
  }

  /** kubectl's history table: {@code REVISION  CHANGE-CAUSE} with a tab writer's padding of 2. */
  String table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"REVISION", "CHANGE-CAUSE"});
    byRevision.forEach((revision, rs) -> {
      String cause = rs.path("metadata").path("annotations").path(CHANGE_CAUSE).asString("");
      rows.add(new String[] {String.valueOf(revision), cause.isEmpty() ? "<none>" : cause});
    });
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      out.append(row[0]).append(" ".repeat(width - row[0].length())).append(row[1]).append('\n');
    }
    return out.toString();
  }

  /**
   * Whether two pod templates are the same but for the {@code pod-template-hash} label, by Go's
   * semantic equality: a null field ({@code creationTimestamp: null}), an empty map and an empty
   * list are the same as none.
   */
  static boolean sameTemplate(JsonNode a, JsonNode b) {
    return pruned(withoutHash(a)).equals(pruned(withoutHash(b)));
  }

  /** {@code node} without null members and without empty objects and arrays, at any depth. */
  static JsonNode pruned(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      node.properties().forEach(e -> {
        JsonNode value = pruned(e.getValue());
        if (!value.isNull() && !((value.isObject() || value.isArray()) && value.isEmpty())) {
          out.set(e.getKey(), value);
        }
      });
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      node.forEach(v -> out.add(pruned(v)));
      return out;
    }
    return node;
  }

  static ObjectNode withoutHash(JsonNode template) {
    ObjectNode copy = copy(template);
    JsonNode labels = copy.path("metadata").path("labels");
    if (labels instanceof ObjectNode l) {
      l.remove(HASH);
      if (l.isEmpty()) {
        ((ObjectNode) copy.get("metadata")).remove("labels");
      }
    }
    return copy;
  }

  private static ObjectNode copy(JsonNode node) {
    return node.isObject() ? (ObjectNode) node.deepCopy() : Json.MAPPER.createObjectNode();
  }

  /** The JSON patch that restores {@code rs}'s template and annotations into {@code deployment}. */
  static String rollbackPatch(JsonNode deployment, JsonNode rs) {
    Map<String, String> annotations = new TreeMap<>();
    JsonNode current = deployment.path("metadata").path("annotations");
    for (String key : DEPLOYMENT_ANNOTATIONS) {
      if (current.has(key)) {
        annotations.put(key, current.path(key).asString());
      }
    }
    rs.path("metadata").path("annotations").properties().forEach(e -> {
      if (!DEPLOYMENT_ANNOTATIONS.contains(e.getKey())) {
        annotations.put(e.getKey(), e.getValue().asString());
      }
    });
    ArrayNode patch = Json.MAPPER.createArrayNode();
    patch.addObject().put("op", "replace").put("path", "/spec/template")
        .set("value", withoutHash(rs.path("spec").path("template")));
    ObjectNode values = Json.MAPPER.createObjectNode();
    annotations.forEach(values::put);
    patch.addObject().put("op", "replace").put("path", "/metadata/annotations")
        .set("value", values);
    return patch.toString();
  }
}
