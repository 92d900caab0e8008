package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The one Deployment a {@code rollout} verb acts on, and the requests those verbs share: read it,
 * its ReplicaSets and the pods of one template, patch it, read a container's log, undo.
 */
record RolloutTarget(Cluster cluster, ObjectRef ref) {

  /**
   * The Deployments named by {@code rollout VERB deployment/web ...} or {@code deployment web
   * ...}, and kubectl's errors for those that do not exist, which kubectl reports after acting
   * on the others; {@code unsupported} gives kubectl's error for other kinds.
   */
  static Resolved resolveAll(Cluster cluster, List<String> args,
      Function<ObjectRef, String> unsupported) {
    ResourceArgs parsed = args.isEmpty() ? new ResourceArgs(List.of(), List.of())
        : ResourceArgs.parse(args, ResourceCatalog.discover(cluster), cluster.namespace());
    if (parsed.named().isEmpty()) {
      throw new KubectlError("error: required resource not specified");
    }
    List<RolloutTarget> targets = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (ObjectRef ref : parsed.named()) {
      Cluster.Reply reply = cluster.get(ref.path(), Cluster.JSON);
      if (!reply.ok()) {
        missing.add(ServerErrors.describe(reply));
      } else if (!ref.type().kind().equals("Deployment")) {
        throw new KubectlError(unsupported.apply(ref));
      } else {
        targets.add(new RolloutTarget(cluster, ref));
      }
    }
    return new Resolved(List.copyOf(targets), List.copyOf(missing));
  }

  /** The Deployments found, and kubectl's errors for the objects that were not. */
  record Resolved(List<RolloutTarget> found, List<String> missing) {
    /** Fails with the errors for the missing objects, if any, after the others were done. */
    void failIfMissing() {
      if (!missing.isEmpty()) {
        throw new KubectlError(String.join("\n", missing));
      }
    }
  }

  /**
   * Runs {@code action} on every target, printing each line it returns; the failures are
   * reported together at the end (one line each), as kubectl aggregates them.
   */
  static int forEach(Resolved targets, java.io.PrintWriter out,
      Function<RolloutTarget, String> action) {
    List<String> errors = new ArrayList<>();
    for (RolloutTarget target : targets.found()) {
      try {
        out.println(action.apply(target));
        out.flush();
      } catch (KubectlError e) {
        errors.add(e.getMessage());
      }
    }
    errors.addAll(targets.missing());
    if (!errors.isEmpty()) {
      throw new KubectlError(String.join("\n", errors));
    }
    return 0;
  }

  /** {@code ReplicaSet.apps}, as kubectl names a kind it has no viewer for. */
  static String groupKind(ObjectRef ref) {
    return ref.type().group().isEmpty() ? ref.type().kind()
        : ref.type().kind() + "." + ref.type().group();
  }

  /** {@code error: replicasets.apps "x" pausing is not supported}. */
  static Function<ObjectRef, String> notSupported(String doing) {
    return ref -> "error: " + ref.type().qualifiedName() + " \"" + ref.name() + "\" " + doing
        + " is not supported";
  }

  JsonNode deployment() {
    return read(ref.path());
  }

  /** The Deployment's revisions, from the ReplicaSets of its namespace. */
  RevisionHistory history(JsonNode deployment) {
    String path = "/apis/apps/v1/namespaces/" + ref.namespace() + "/replicasets";
    List<JsonNode> items = new ArrayList<>();
    read(path).path("items").forEach(items::add);
    return new RevisionHistory(deployment, items);
  }

  /** The pods of the namespace carrying {@code pod-template-hash=hash}. */
  List<JsonNode> pods(String hash) {
    String selector = URLEncoder.encode(RevisionHistory.HASH + "=" + hash, StandardCharsets.UTF_8);
    List<JsonNode> pods = new ArrayList<>();
    read("/api/v1/namespaces/" + ref.namespace() + "/pods?labelSelector=" + selector)
        .path("items").forEach(pods::add);
    return pods;
  }

  /** The last {@code lines} lines of a container's log, its previous run's when it has none. */
  String tail(String pod, String container, int lines) {
    String base = "/api/v1/namespaces/" + ref.namespace() + "/pods/" + pod + "/log?container="
        + URLEncoder.encode(container, StandardCharsets.UTF_8) + "&tailLines=" + lines;
    Cluster.Reply current = cluster.get(base, "*/*");
    if (current.ok() && !current.body().isBlank()) {
      return current.body();
    }
    Cluster.Reply previous = cluster.get(base + "&previous=true", "*/*");
    return previous.ok() ? previous.body() : "";
  }

  /** Patches the Deployment; kubectl's error when the server refuses. */
  JsonNode patch(String contentType, String body) {
    Cluster.Reply reply = cluster.send("PATCH", ref.path(), contentType, body, Cluster.JSON);
    if (!reply.ok()) {
      throw new KubectlError(ServerErrors.describe(reply));
    }
    return Json.MAPPER.readTree(reply.body());
  }

  /**
   * {@code rollout undo}: kubectl's word for what happened ({@code rolled back} or {@code skipped
   * rollback (...)}) and the revision whose template is now the Deployment's.
   */
  Undo undo(long toRevision) {
    JsonNode deployment = deployment();
    if (deployment.path("spec").path("paused").asBoolean(false)) {
      throw new KubectlError("error: you cannot rollback a paused deployment; resume it first "
          + "with 'kubectl rollout resume' and try again");
    }
    RevisionHistory history = history(deployment);
    JsonNode rs = history.rollbackTarget(ref.name(), toRevision);
    long revision = RolloutProgress.revisionOf(rs).orElse(0L);
    if (RevisionHistory.sameTemplate(rs.path("spec").path("template"),
        deployment.path("spec").path("template"))) {
      return new Undo("skipped rollback (current template already matches revision "
          + toRevision + ")", revision);
    }
    patch("application/json-patch+json", RevisionHistory.rollbackPatch(deployment, rs));
    return new Undo("rolled back", revision);
  }

  /** What {@link #undo} did. */
  record Undo(String outcome, long revision) {}

  private JsonNode read(String path) {
    Cluster.Reply reply = cluster.get(path, Cluster.JSON);
    if (!reply.ok()) {
      throw new KubectlError(ServerErrors.describe(reply));
    }
    return Json.MAPPER.readTree(reply.body());
  }
}
