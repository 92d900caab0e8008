package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.resources.fields.Defaulting;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Kubernetes' default admission plugins add to a new Pod: the {@code default} service
 * account (ServiceAccount), priority 0 with {@code PreemptLowerPriority} when no priority class is
 * named (Priority), and 300-second tolerations for the not-ready and unreachable taints
 * (DefaultTolerationSeconds). Capstan has no admission chain, so the pod strategy applies these.
 */
public final class PodAdmission {

  static final String NOT_READY = "node.kubernetes.io/not-ready";
  static final String UNREACHABLE = "node.kubernetes.io/unreachable";
  private PodAdmission() {}

  public static void admit(ObjectNode pod) {
    admit(pod, TolerationDefaults.STANDARD);
  }

  /** As {@link #admit(ObjectNode)}, with the server's default toleration seconds. */
  public static void admit(ObjectNode pod, TolerationDefaults tolerations) {
    ObjectNode spec = Nodes.ensureObject(pod, "spec");
    boolean mirror = Metadata.annotations(pod).containsKey(PodTemplateValidator.MIRROR);
    if (!mirror && Nodes.string(spec, "serviceAccountName").isEmpty()) {
      spec.put("serviceAccountName", "default");
      spec.put("serviceAccount", "default");
    }
    if (Nodes.string(spec, "priorityClassName").isEmpty()) {
      Defaulting.nilInt(spec, "priority", 0);
      Defaulting.nilString(spec, "preemptionPolicy", "PreemptLowerPriority");
    }
    addDefaultTolerations(spec, tolerations);
  }

  private static void addDefaultTolerations(ObjectNode spec, TolerationDefaults defaults) {
    boolean notReady = false;
    boolean unreachable = false;
    for (ObjectNode t : Nodes.objects(spec, "tolerations")) {
      String key = Nodes.string(t, "key");
      String effect = Nodes.string(t, "effect");
      boolean anyEffect = effect.isEmpty() || effect.equals("NoExecute");
      notReady |= (key.equals(NOT_READY) || key.isEmpty()) && anyEffect;
      unreachable |= (key.equals(UNREACHABLE) || key.isEmpty()) && anyEffect;
    }
    if (notReady && unreachable) {
      return;
    }
    ArrayNode tolerations = Nodes.ensureArray(spec, "tolerations");
    if (!notReady) {
      addToleration(tolerations, NOT_READY, defaults.notReadySeconds());
    }
    if (!unreachable) {
      addToleration(tolerations, UNREACHABLE, defaults.unreachableSeconds());
    }
  }

  private static void addToleration(ArrayNode tolerations, String key, long seconds) {
    ObjectNode t = tolerations.addObject();
    t.put("key", key);
    t.put("operator", "Exists");
    t.put("effect", "NoExecute");
    t.put("tolerationSeconds", seconds);
  }
}
