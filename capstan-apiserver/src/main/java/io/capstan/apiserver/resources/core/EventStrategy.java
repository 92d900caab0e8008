package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * core/v1 Events. Kubernetes applies only its lenient legacy rules to this API version (the
 * namespace must agree with the involved object's; events with {@code eventTime} must name their
 * reporting controller, instance, action and reason, within length limits). Capstan also requires
 * an involved object and a known {@code type} when one is given, since every event writer it
 * serves sets both.
 */
public final class EventStrategy implements ResourceStrategy {

  private static final int REPORTING_INSTANCE_LIMIT = 128;
  private static final int ACTION_LIMIT = 128;
  private static final int REASON_LIMIT = 128;
  private static final int NOTE_LIMIT = 1024;

  @Override
  public void prepareForUpdate(ObjectNode event, ObjectNode old) {
    Metadata.keepGeneration(event, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode event) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode involved = Nodes.objectOrEmpty(event, "involvedObject");
    String involvedNamespace = Nodes.string(involved, "namespace");
    String namespace = Metadata.namespace(event);
    FieldPath involvedNs = FieldPath.of("involvedObject", "namespace");
    if (Nodes.string(involved, "kind").isEmpty() && Nodes.string(involved, "name").isEmpty()) {
      errs.add(FieldError.required("involvedObject", ""));
    }
    if (!Nodes.has(event, "eventTime")) {
      boolean mismatch = involvedNamespace.isEmpty()
          ? !namespace.isEmpty() && !namespace.equals("default")
          : !namespace.equals(involvedNamespace);
      if (mismatch) {
        errs.add(FieldError.invalid(involvedNs.text(), involvedNamespace,
            "does not match event.namespace"));
      }
    } else {
      if (involvedNamespace.isEmpty() && !namespace.equals("default")
          && !namespace.equals("kube-system")) {
        errs.add(FieldError.invalid(involvedNs.text(), involvedNamespace,
            "does not match event.namespace"));
      }
      String controller = Nodes.string(event, "reportingComponent");
      if (controller.isEmpty()) {
        errs.add(FieldError.required("reportingController", ""));
      }
      errs.addAll(CommonRules.format(controller, FieldPath.of("reportingController"),
          Names::qualifiedName));
      errs.addAll(required(event, "reportingInstance", REPORTING_INSTANCE_LIMIT));
      errs.addAll(required(event, "action", ACTION_LIMIT));
      errs.addAll(required(event, "reason", REASON_LIMIT));
      if (Nodes.string(event, "message").length() > NOTE_LIMIT) {
        errs.add(FieldError.invalid("message", "", "can have at most " + NOTE_LIMIT
            + " characters"));
      }
    }
    String type = Nodes.string(event, "type");
    if (!type.isEmpty() && !type.equals("Normal") && !type.equals("Warning")) {
      errs.add(FieldError.invalid("type", "", "has invalid value: " + type));
    }
    errs.addAll(CommonRules.format(namespace, FieldPath.of("namespace"), Names::dns1123Subdomain));
    return errs;
  }

  private static List<FieldError> required(JsonNode event, String field, int limit) {
    String value = Nodes.string(event, field);
    if (value.isEmpty()) {
      return List.of(FieldError.required(field, ""));
    }
    if (value.length() > limit) {
      return List.of(FieldError.invalid(field, "", "can have at most " + limit + " characters"));
    }
    return List.of();
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode event) {
    JsonNode involved = Nodes.objectOrEmpty(event, "involvedObject");
    Map<String, String> out = new LinkedHashMap<>();
    for (String field : new String[] {"kind", "namespace", "name", "uid", "apiVersion",
        "resourceVersion", "fieldPath"}) {
      out.put("involvedObject." + field, Nodes.string(involved, field));
    }
    out.put("reason", Nodes.string(event, "reason"));
    String controller = Nodes.string(event, "reportingComponent");
    out.put("reportingComponent", controller);
    String source = Nodes.string(Nodes.objectOrEmpty(event, "source"), "component");
    out.put("source", source.isEmpty() ? controller : source);
    out.put("type", Nodes.string(event, "type"));
    return out;
  }
}
