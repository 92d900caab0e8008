package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.pod.PodDefaults;
import io.capstan.apiserver.resources.pod.PodStatusValidator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code pods/status} subresource: the spec and owner references stay as stored (old
 * kubelets corrupted owner references), everything in {@code status} may change.
 */
public final class PodStatusStrategy implements ResourceStrategy {

  @Override
  public void applyDefaults(ObjectNode pod) {
    PodDefaults.apply(pod);
  }

  /**
   * Keeps the stored spec and owner references. A writer that omits {@code qosClass} keeps the
   * stored one, as a status written from a fresh copy of the object would.
   */
  @Override
  public void prepareForUpdate(ObjectNode pod, ObjectNode old) {
    Nodes.copyField(pod, old, "spec");
    Nodes.copyField(Metadata.of(pod), Metadata.read(old), "ownerReferences");
    Metadata.keepGeneration(pod, old);
    ObjectNode status = Nodes.ensureObject(pod, "status");
    if (Nodes.string(status, "qosClass").isEmpty()) {
      Nodes.at(old, "status", "qosClass").ifPresent(q -> status.set("qosClass", q.deepCopy()));
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode pod) {
    return List.of();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode pod, ObjectNode old) {
    return PodStatusValidator.validate(pod, old);
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode pod) {
    return PodStrategy.fields(pod);
  }
}
