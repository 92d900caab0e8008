package io.capstan.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Map;

/** The labels and names EndpointSlice controllers share ({@code discovery.k8s.io/v1} well-known labels). */
public final class SliceLabels {
  public static final String SERVICE_NAME = "kubernetes.io/service-name";
  public static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
  public static final String SKIP_MIRROR = "endpointslice.kubernetes.io/skip-mirror";
  public static final String HEADLESS = "service.kubernetes.io/headless";
  public static final String ZONE = "topology.kubernetes.io/zone";
  /** The longest name an EndpointSlice may have (a DNS subdomain). */
  private static final int MAX_NAME = 253;

  private SliceLabels() {}

  /** Labels a controller sets itself and never copies from the Service. */
  public static boolean reserved(String key) {
    return SERVICE_NAME.equals(key) || MANAGED_BY.equals(key) || HEADLESS.equals(key);
  }

  /** The slice belongs to this Service and was written by this controller. */
  public static boolean managedFor(EndpointSlice slice, String serviceName, String controllerName) {
    Map<String, String> labels = slice.getMetadata().getLabels();
    return labels != null && serviceName.equals(labels.get(SERVICE_NAME))
        && controllerName.equals(labels.get(MANAGED_BY));
  }

  /** {@code getEndpointSlicePrefix}: {@code <name>-}, or the bare name when the dash would make it too long. */
  public static String generateName(String serviceName) {
    String prefix = serviceName + "-";
    return prefix.length() > MAX_NAME - 5 ? serviceName : prefix;
  }

  /** {@code metav1.NewControllerRef}: controller and blockOwnerDeletion set. */
  public static OwnerReference controllerRef(HasMetadata owner, String apiVersion, String kind) {
    return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind)
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  /** The slice has a controller reference to this owner (same UID). */
  public static boolean ownedBy(EndpointSlice slice, HasMetadata owner, String kind) {
    return slice.getMetadata().getOwnerReferences() != null && slice.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> Boolean.TRUE.equals(ref.getController()) && kind.equals(ref.getKind())
            && owner.getMetadata().getUid().equals(ref.getUid()));
  }
}
