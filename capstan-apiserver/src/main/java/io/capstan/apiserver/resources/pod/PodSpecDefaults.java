package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.resources.fields.Defaulting;
import io.capstan.apiserver.resources.validation.Quantity;
import io.capstan.apiserver.resources.fields.Nodes;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defaults of a {@code PodSpec} wherever it appears (pods and pod templates):
 * {@code SetDefaults_PodSpec} and everything nested, plus the v1 conversion that keeps the
 * deprecated {@code serviceAccount} field equal to {@code serviceAccountName}. Idempotent.
 */
public final class PodSpecDefaults {

  private PodSpecDefaults() {}

  public static void apply(ObjectNode spec) {
    Defaulting.string(spec, "dnsPolicy", "ClusterFirst");
    Defaulting.string(spec, "restartPolicy", "Always");
    Defaulting.nilObject(spec, "securityContext");
    Defaulting.nilInt(spec, "terminationGracePeriodSeconds", 30);
    Defaulting.string(spec, "schedulerName", "default-scheduler");
    String serviceAccountName = Nodes.string(spec, "serviceAccountName");
    if (serviceAccountName.isEmpty()) {
      serviceAccountName = Nodes.string(spec, "serviceAccount");
      if (!serviceAccountName.isEmpty()) {
        spec.put("serviceAccountName", serviceAccountName);
      }
    }
    if (!serviceAccountName.isEmpty()) {
      spec.put("serviceAccount", serviceAccountName);
    }
    for (ObjectNode volume : Nodes.objects(spec, "volumes")) {
      VolumeDefaults.apply(volume);
    }
    for (String list : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
      for (ObjectNode container : Nodes.objects(spec, list)) {
        ContainerDefaults.apply(container);
      }
    }
    Defaulting.child(spec, "overhead").ifPresent(Quantity::canonicalizeList);
  }
}
