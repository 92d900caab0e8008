package io.capstan.apiserver.guard;

import io.capstan.apiserver.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders an {@link AuditRecord} as one {@code audit.k8s.io/v1} {@code Event} at level Metadata,
 * stage ResponseComplete, field for field as kube-apiserver writes it, e.g.
 * {@code {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"…",
 * "stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods","verb":"create",
 * "user":{"username":"admin","groups":["system:masters"]},"sourceIPs":["127.0.0.1"], …}}.
 */
final class AuditEvents {

  /** RFC 3339 with microseconds, as Kubernetes' MicroTime. */
  static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private AuditEvents() {
  }

  static ObjectNode toEvent(AuditRecord r) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("kind", "Event");
    event.put("apiVersion", "audit.k8s.io/v1");
    event.put("level", "Metadata");
    event.put("auditID", r.auditId().toString());
    event.put("stage", "ResponseComplete");
    event.put("requestURI", r.requestUri());
    event.put("verb", r.verb());
    ObjectNode user = event.putObject("user");
    user.put("username", r.user());
    var groups = user.putArray("groups");
    r.groups().forEach(groups::add);
    if (!r.sourceIp().isEmpty()) {
      event.putArray("sourceIPs").add(r.sourceIp());
    }
    if (!r.userAgent().isEmpty()) {
      event.put("userAgent", r.userAgent());
    }
    if (!r.objectRef().resource().isEmpty()) {
      event.set("objectRef", objectRef(r.objectRef()));
    }
    ObjectNode status = event.putObject("responseStatus");
    status.putObject("metadata");
    if (r.failed()) {
      status.put("status", "Failure");
      if (!r.message().isEmpty()) {
        status.put("message", r.message());
      }
      if (!r.reason().isEmpty()) {
        status.put("reason", r.reason());
      }
    }
    status.put("code", r.code());
    event.put("requestReceivedTimestamp", format(r.received()));
    event.put("stageTimestamp", format(r.completed()));
    return event;
  }

  static String format(Instant instant) {
    return MICRO_TIME.format(instant);
  }

  private static ObjectNode objectRef(AuditRecord.ObjectRef ref) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    putIfPresent(node, "resource", ref.resource());
    putIfPresent(node, "namespace", ref.namespace());
    putIfPresent(node, "name", ref.name());
    putIfPresent(node, "apiGroup", ref.apiGroup());
    putIfPresent(node, "apiVersion", ref.apiVersion());
    putIfPresent(node, "subresource", ref.subresource());
    return node;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (!value.isEmpty()) {
      node.put(field, value);
    }
  }
}
