package io.capstan.apiserver.registry;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.selection.FieldSelector;
import io.capstan.apiserver.selection.LabelSelector;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** A list's or watch's label and field selectors, checked against one type's selectable fields. */
public final class ObjectFilter {

  private final ResourceType type;
  private final LabelSelector labels;
  private final FieldSelector fields;

  private ObjectFilter(ResourceType type, LabelSelector labels, FieldSelector fields) {
    this.type = type;
    this.labels = labels;
    this.fields = fields;
  }

  /** Parses both selectors; unknown field labels are a 400 as in Kubernetes. */
  public static ObjectFilter of(ResourceType type, String labelSelector, String fieldSelector) {
    LabelSelector labels = LabelSelector.parse(labelSelector);
    FieldSelector fields = FieldSelector.parse(fieldSelector);
    if (!fields.isEmpty()) {
      Set<String> supported = new HashSet<>(
          type.strategy().selectableFields(Json.object()).keySet());
      supported.add("metadata.name");
      supported.add("metadata.namespace");
      fields.requireSupported(supported);
    }
    return new ObjectFilter(type, labels, fields);
  }

  public boolean isEmpty() {
    return labels.isEmpty() && fields.isEmpty();
  }

  public boolean matches(ObjectNode object) {
    if (!labels.isEmpty() && !labels.matches(Meta.labels(object))) {
      return false;
    }
    if (fields.isEmpty()) {
      return true;
    }
    Map<String, String> values = new HashMap<>(type.strategy().selectableFields(object));
    values.put("metadata.name", Meta.name(object));
    if (type.namespaced()) {
      values.put("metadata.namespace", Meta.namespace(object));
    }
    return fields.matches(values);
  }
}
