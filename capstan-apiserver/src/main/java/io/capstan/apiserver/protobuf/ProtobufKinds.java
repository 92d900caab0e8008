package io.capstan.apiserver.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Policy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds this server reads from protobuf, by {@code apiVersion} and {@code kind}. The list is
 * closed on purpose: a kind is only safe to read once {@link GoFieldShapes} knows the Go pointer
 * fields of every message it reaches, or zeros the client set would be dropped.
 */
final class ProtobufKinds {

  private record GroupVersion(String apiVersion, FileDescriptor file, List<String> kinds) {}

  private static final List<GroupVersion> GROUP_VERSIONS = List.of(
      new GroupVersion("v1", V1.getDescriptor(), List.of("Namespace", "ConfigMap", "Secret",
          "Service", "ServiceAccount", "Pod", "Endpoints", "Node", "Event")),
      new GroupVersion("apps/v1", V1Apps.getDescriptor(), List.of("Deployment", "ReplicaSet")),
      new GroupVersion("coordination.k8s.io/v1", V1Coordination.getDescriptor(), List.of("Lease")),
      new GroupVersion("discovery.k8s.io/v1", V1Discovery.getDescriptor(),
          List.of("EndpointSlice")),
      new GroupVersion("policy/v1", V1Policy.getDescriptor(), List.of("Eviction",
          "PodDisruptionBudget")),
      // Older clients send the v1beta1 Eviction, whose message is the v1 one field for field.
      new GroupVersion("policy/v1beta1", V1Policy.getDescriptor(), List.of("Eviction")));

  /** DeleteOptions is registered in every group version, and in meta.k8s.io/v1 of its own. */
  private static final Descriptor DELETE_OPTIONS =
      Meta.getDescriptor().findMessageTypeByName("DeleteOptions");

  private static final Map<String, Descriptor> BY_KEY = index();

  private ProtobufKinds() {}

  static Optional<Descriptor> descriptor(String apiVersion, String kind) {
    return Optional.ofNullable(BY_KEY.get(apiVersion + "/" + kind));
  }

  /** Every accepted pair as {@code apiVersion/kind}, for tests and error messages. */
  static Set<String> keys() {
    return BY_KEY.keySet();
  }

  private static Map<String, Descriptor> index() {
    Map<String, Descriptor> index = new HashMap<>();
    for (GroupVersion gv : GROUP_VERSIONS) {
      for (String kind : gv.kinds()) {
        Descriptor d = gv.file().findMessageTypeByName(kind);
        if (d == null) {
          throw new IllegalStateException("no message " + kind + " in " + gv.file().getName());
        }
        index.put(gv.apiVersion() + "/" + kind, d);
      }
      index.put(gv.apiVersion() + "/DeleteOptions", DELETE_OPTIONS);
    }
    index.put("meta.k8s.io/v1/DeleteOptions", DELETE_OPTIONS);
    return Map.copyOf(index);
  }
}
