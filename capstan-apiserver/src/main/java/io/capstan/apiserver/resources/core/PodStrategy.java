package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.pod.PodAdmission;
import io.capstan.apiserver.resources.pod.PodDefaults;
import io.capstan.apiserver.resources.pod.PodUpdateValidator;
import io.capstan.apiserver.resources.pod.PodValidator;
import io.capstan.apiserver.resources.pod.QosClass;
import io.capstan.apiserver.resources.pod.TolerationDefaults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Pods ({@code pkg/registry/core/pod/strategy.go}). */
public final class PodStrategy implements ResourceStrategy {

  private final TolerationDefaults tolerations;

  public PodStrategy() {
    this(TolerationDefaults.STANDARD);
  }

  public PodStrategy(TolerationDefaults tolerations) {
    this.tolerations = tolerations;
  }

  @Override
  public void applyDefaults(ObjectNode pod) {
    PodDefaults.apply(pod);
  }

  /**
   * A new pod starts Pending with its QoS class. Defaults are applied first here because in
   * Kubernetes they are applied at decoding, before this step, and the QoS class depends on
   * requests defaulted from limits.
   */
  @Override
  public void prepareForCreate(ObjectNode pod) {
    PodDefaults.apply(pod);
    PodAdmission.admit(pod, tolerations);
    ObjectNode spec = Nodes.ensureObject(pod, "spec");
    ObjectNode status = pod.putObject("status");
    status.put("phase", "Pending");
    status.put("qosClass", QosClass.compute(spec));
    if (!Nodes.list(spec, "schedulingGates").isEmpty()) {
      ObjectNode condition = status.putArray("conditions").addObject();
      condition.put("type", "PodScheduled");
      condition.put("status", "False");
      condition.put("reason", "SchedulingGated");
      condition.put("message", "Scheduling is blocked due to non-empty scheduling gates");
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode pod, ObjectNode old) {
    Nodes.copyField(pod, old, "status");
    Metadata.keepGeneration(pod, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode pod) {
    return PodValidator.validateCreate(pod);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode pod, ObjectNode old) {
    return PodUpdateValidator.validate(pod, old);
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode pod) {
    return fields(pod);
  }

  static Map<String, String> fields(JsonNode pod) {
    JsonNode spec = Nodes.objectOrEmpty(pod, "spec");
    JsonNode status = Nodes.objectOrEmpty(pod, "status");
    Map<String, String> out = new LinkedHashMap<>();
    out.put("spec.nodeName", Nodes.string(spec, "nodeName"));
    out.put("spec.restartPolicy", Nodes.string(spec, "restartPolicy"));
    out.put("spec.schedulerName", Nodes.string(spec, "schedulerName"));
    out.put("spec.serviceAccountName", Nodes.string(spec, "serviceAccountName"));
    out.put("spec.hostNetwork", Boolean.toString(Nodes.bool(spec, "hostNetwork")));
    out.put("status.phase", Nodes.string(status, "phase"));
    List<ObjectNode> ips = Nodes.objects(status, "podIPs");
    out.put("status.podIP", ips.isEmpty() ? Nodes.string(status, "podIP")
        : Nodes.string(ips.getFirst(), "ip"));
    out.put("status.nominatedNodeName", Nodes.string(status, "nominatedNodeName"));
    return out;
  }
}
