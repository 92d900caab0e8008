package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.Quantity;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Nodes ({@code pkg/registry/core/node/strategy.go}): created with the status the agent sends,
 * whose later changes go through {@code nodes/status}.
 */
public final class NodeStrategy implements ResourceStrategy {

  /** The v1 conversion of {@code podCIDR}/{@code podCIDRs} and {@code SetDefaults_NodeStatus}. */
  @Override
  public void applyDefaults(ObjectNode node) {
    ObjectNode spec = Nodes.ensureObject(node, "spec");
    String cidr = Nodes.string(spec, "podCIDR");
    List<String> cidrs = Nodes.strings(spec, "podCIDRs");
    if (cidrs.isEmpty() && !cidr.isEmpty()) {
      spec.putArray("podCIDRs").add(cidr);
    } else if (!cidrs.isEmpty()) {
      spec.put("podCIDR", cidrs.getFirst());
    }
    Nodes.object(node, "status").ifPresent(status -> {
      Nodes.object(status, "capacity").ifPresent(capacity -> {
        Quantity.canonicalizeList(capacity);
        if (!Nodes.has(status, "allocatable")) {
          status.set("allocatable", capacity.deepCopy());
        }
      });
      Nodes.object(status, "allocatable").ifPresent(Quantity::canonicalizeList);
    });
  }

  @Override
  public void prepareForUpdate(ObjectNode node, ObjectNode old) {
    Nodes.copyField(node, old, "status");
    Metadata.keepGeneration(node, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode node) {
    return NodeValidator.validate(node);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode node, ObjectNode old) {
    return NodeValidator.validateUpdate(node, old);
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode node) {
    return Map.of("spec.unschedulable",
        Boolean.toString(Nodes.bool(Nodes.objectOrEmpty(node, "spec"), "unschedulable")));
  }
}
