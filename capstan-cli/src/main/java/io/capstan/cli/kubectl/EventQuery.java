package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * kubectl's {@code searchEvents}: the events whose {@code involvedObject} is the described
 * object, asked of the server with the field selector kubectl sends and checked again here, so
 * that a server ignoring part of the selector still shows only the object's events.
 */
final class EventQuery {

  private EventQuery() {}

  /** The events about {@code object} of {@code kind}. */
  static List<JsonNode> about(JsonNode object, String kind, DescribeSource source) {
    JsonNode meta = object.path("metadata");
    return find(source, text(meta.path("namespace")), text(meta.path("name")), kind,
        List.of(text(meta.path("uid"))));
  }

  /** A node's events: the kubelet reports them with the node's name as its uid. */
  static List<JsonNode> aboutNode(JsonNode node, DescribeSource source) {
    JsonNode meta = node.path("metadata");
    return find(source, "", text(meta.path("name")), "Node",
        List.of(text(meta.path("uid")), text(meta.path("name"))));
  }

  private static List<JsonNode> find(DescribeSource source, String namespace, String name,
      String kind, List<String> uids) {
    String path = namespace.isEmpty() ? "/api/v1/events"
        : "/api/v1/namespaces/" + namespace + "/events";
    Map<String, JsonNode> found = new LinkedHashMap<>();
    for (String uid : uids) {
      String selector = "involvedObject.name=" + name + ",involvedObject.namespace=" + namespace
          + (kind.equals("Pod") ? "" : ",involvedObject.kind=" + kind)
          + ",involvedObject.uid=" + uid;
      for (JsonNode e : source.list(DescribeSource.withFields(path, selector))) {
        JsonNode about = e.path("involvedObject");
        if (text(about.path("name")).equals(name)
            && text(about.path("namespace")).equals(namespace)
            && (kind.equals("Pod") || text(about.path("kind")).equals(kind))
            && text(about.path("uid")).equals(uid)) {
          found.putIfAbsent(text(e.path("metadata").path("uid")) + "/"
              + text(e.path("metadata").path("name")), e);
        }
      }
    }
    return new ArrayList<>(found.values());
  }
}
