package io.capstan.apiserver.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the protobuf descriptors do not say about the Go structs behind them, for the messages the
 * kinds in {@link ProtobufKinds} reach (from k8s.io/api and apimachinery types.go, v1.32 and the
 * fields added since).
 *
 * <p>Pointer fields: Kubernetes' marshaller writes every Go value field, so a {@code ""}, 0 or
 * false on the wire is usually just "unset" and is left out of the JSON. Go pointer scalars are
 * written only when set, and their zero means something ({@code replicas: 0},
 * {@code gracePeriodSeconds: 0}, {@code automountServiceAccountToken: false}), so they are kept.
 * Only scalar fields matter here; messages are always written.
 *
 * <p>Inline fields: a Go struct embedded with {@code json:",inline"} is a message field in
 * protobuf but its fields sit in the parent in JSON, e.g. {@code Probe.handler}.
 */
final class GoFieldShapes {

  private static final String CORE = "k8s.io.api.core.v1.";
  private static final String APPS = "k8s.io.api.apps.v1.";
  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final String COORDINATION = "k8s.io.api.coordination.v1.";
  private static final String DISCOVERY = "k8s.io.api.discovery.v1.";
  private static final String POLICY = "k8s.io.api.policy.v1.";

  private static final Map<String, List<String>> POINTERS = Map.ofEntries(
      Map.entry(APPS + "DeploymentSpec",
          List.of("replicas", "revisionHistoryLimit", "progressDeadlineSeconds")),
      Map.entry(APPS + "DeploymentStatus", List.of("collisionCount", "terminatingReplicas")),
      Map.entry(APPS + "ReplicaSetSpec", List.of("replicas")),
      Map.entry(APPS + "ReplicaSetStatus", List.of("terminatingReplicas")),
      Map.entry(COORDINATION + "LeaseSpec", List.of("holderIdentity", "leaseDurationSeconds",
          "leaseTransitions", "strategy", "preferredHolder")),
      Map.entry(DISCOVERY + "Endpoint", List.of("hostname", "nodeName", "zone")),
      Map.entry(DISCOVERY + "EndpointConditions", List.of("ready", "serving", "terminating")),
      Map.entry(DISCOVERY + "EndpointPort", List.of("name", "protocol", "port", "appProtocol")),
      Map.entry(POLICY + "PodDisruptionBudgetSpec", List.of("unhealthyPodEvictionPolicy")),
      Map.entry(META + "DeleteOptions", List.of("gracePeriodSeconds", "orphanDependents",
          "propagationPolicy", "ignoreStoreReadErrorWithClusterBreakingPotential")),
      Map.entry(META + "ObjectMeta", List.of("deletionGracePeriodSeconds")),
      Map.entry(META + "OwnerReference", List.of("controller", "blockOwnerDeletion")),
      Map.entry(META + "Preconditions", List.of("uid", "resourceVersion")),
      Map.entry(CORE + "AppArmorProfile", List.of("localhostProfile")),
      Map.entry(CORE + "AzureDiskVolumeSource", List.of("cachingMode", "fsType", "readOnly", "kind")),
      Map.entry(CORE + "CSIVolumeSource", List.of("readOnly", "fsType")),
      Map.entry(CORE + "ClientIPConfig", List.of("timeoutSeconds")),
      Map.entry(CORE + "ClusterTrustBundleProjection", List.of("name", "signerName", "optional")),
      Map.entry(CORE + "ConfigMap", List.of("immutable")),
      Map.entry(CORE + "ConfigMapEnvSource", List.of("optional")),
      Map.entry(CORE + "ConfigMapKeySelector", List.of("optional")),
      Map.entry(CORE + "ConfigMapProjection", List.of("optional")),
      Map.entry(CORE + "ConfigMapVolumeSource", List.of("defaultMode", "optional")),
      Map.entry(CORE + "Container", List.of("restartPolicy")),
      Map.entry(CORE + "EphemeralContainerCommon", List.of("restartPolicy")),
      Map.entry(CORE + "ContainerStatus", List.of("started", "stopSignal")),
      Map.entry(CORE + "DownwardAPIVolumeFile", List.of("mode")),
      Map.entry(CORE + "DownwardAPIVolumeSource", List.of("defaultMode")),
      Map.entry(CORE + "EndpointAddress", List.of("nodeName")),
      Map.entry(CORE + "EndpointPort", List.of("appProtocol")),
      Map.entry(CORE + "FCVolumeSource", List.of("lun")),
      Map.entry(CORE + "FileKeySelector", List.of("optional")),
      Map.entry(CORE + "GRPCAction", List.of("service")),
      Map.entry(CORE + "HostPathVolumeSource", List.of("type")),
      Map.entry(CORE + "ISCSIVolumeSource", List.of("initiatorName")),
      Map.entry(CORE + "KeyToPath", List.of("mode")),
      Map.entry(CORE + "Lifecycle", List.of("stopSignal")),
      Map.entry(CORE + "LoadBalancerIngress", List.of("ipMode")),
      Map.entry(CORE + "NodeFeatures", List.of("supplementalGroupsPolicy")),
      Map.entry(CORE + "NodeRuntimeHandlerFeatures",
          List.of("recursiveReadOnlyMounts", "userNamespaces")),
      Map.entry(CORE + "NodeSwapStatus", List.of("capacity")),
      Map.entry(CORE + "PersistentVolumeClaimSpec",
          List.of("storageClassName", "volumeMode", "volumeAttributesClassName")),
      Map.entry(CORE + "PodCertificateProjection", List.of("maxExpirationSeconds")),
      Map.entry(CORE + "PodDNSConfigOption", List.of("value")),
      Map.entry(CORE + "PodResourceClaim", List.of("resourceClaimName", "resourceClaimTemplateName")),
      Map.entry(CORE + "PodResourceClaimStatus", List.of("resourceClaimName")),
      Map.entry(CORE + "PodSchedulingGroup", List.of("podGroupName")),
      Map.entry(CORE + "PodSecurityContext", List.of("runAsUser", "runAsGroup", "runAsNonRoot",
          "supplementalGroupsPolicy", "fsGroup", "fsGroupChangePolicy", "seLinuxChangePolicy")),
      Map.entry(CORE + "PodSpec", List.of("terminationGracePeriodSeconds", "activeDeadlineSeconds",
          "automountServiceAccountToken", "shareProcessNamespace", "priority", "runtimeClassName",
          "enableServiceLinks", "preemptionPolicy", "setHostnameAsFQDN", "hostUsers",
          "hostnameOverride")),
      Map.entry(CORE + "PortStatus", List.of("error")),
      Map.entry(CORE + "Probe", List.of("terminationGracePeriodSeconds")),
      Map.entry(CORE + "ProjectedVolumeSource", List.of("defaultMode")),
      Map.entry(CORE + "SeccompProfile", List.of("localhostProfile")),
      Map.entry(CORE + "Secret", List.of("immutable")),
      Map.entry(CORE + "SecretEnvSource", List.of("optional")),
      Map.entry(CORE + "SecretKeySelector", List.of("optional")),
      Map.entry(CORE + "SecretProjection", List.of("optional")),
      Map.entry(CORE + "SecretVolumeSource", List.of("defaultMode", "optional")),
      Map.entry(CORE + "SecurityContext", List.of("privileged", "runAsUser", "runAsGroup",
          "runAsNonRoot", "readOnlyRootFilesystem", "allowPrivilegeEscalation", "procMount")),
      Map.entry(CORE + "ServiceAccount", List.of("automountServiceAccountToken")),
      Map.entry(CORE + "ServiceAccountTokenProjection", List.of("expirationSeconds")),
      Map.entry(CORE + "ServicePort", List.of("appProtocol")),
      Map.entry(CORE + "ServiceSpec", List.of("ipFamilyPolicy", "allocateLoadBalancerNodePorts",
          "loadBalancerClass", "internalTrafficPolicy", "trafficDistribution")),
      Map.entry(CORE + "Toleration", List.of("tolerationSeconds")),
      Map.entry(CORE + "TopologySpreadConstraint",
          List.of("minDomains", "nodeAffinityPolicy", "nodeTaintsPolicy")),
      Map.entry(CORE + "TypedLocalObjectReference", List.of("apiGroup")),
      Map.entry(CORE + "TypedObjectReference", List.of("apiGroup", "namespace")),
      Map.entry(CORE + "VolumeMount", List.of("recursiveReadOnly", "mountPropagation")),
      Map.entry(CORE + "VolumeMountStatus", List.of("recursiveReadOnly")),
      Map.entry(CORE + "WindowsSecurityContextOptions", List.of("gmsaCredentialSpecName",
          "gmsaCredentialSpec", "runAsUserName", "hostProcess")));

  private static final Set<String> INLINE = Set.of(
      CORE + "EphemeralContainer.ephemeralContainerCommon",
      CORE + "Probe.handler",
      CORE + "Volume.volumeSource",
      CORE + "ConfigMapEnvSource.localObjectReference",
      CORE + "ConfigMapKeySelector.localObjectReference",
      CORE + "ConfigMapProjection.localObjectReference",
      CORE + "ConfigMapVolumeSource.localObjectReference",
      CORE + "SecretEnvSource.localObjectReference",
      CORE + "SecretKeySelector.localObjectReference",
      CORE + "SecretProjection.localObjectReference");

  private static final Set<String> POINTER_FIELDS = flatten();

  private GoFieldShapes() {}

  static boolean isPointer(FieldDescriptor field) {
    return POINTER_FIELDS.contains(field.getFullName());
  }

  static boolean isInline(FieldDescriptor field) {
    return INLINE.contains(field.getFullName());
  }

  /** Every pointer field as {@code package.Message.field}, for tests. */
  static Set<String> pointerFields() {
    return POINTER_FIELDS;
  }

  static Set<String> inlineFields() {
    return INLINE;
  }

  private static Set<String> flatten() {
    Set<String> all = new HashSet<>();
    POINTERS.forEach((message, fields) -> fields.forEach(f -> all.add(message + "." + f)));
    return Set.copyOf(all);
  }
}
