package io.capstan.cli.kubectl;

import tools.jackson.databind.JsonNode;

/** One kind's {@code kubectl describe}: the object, and what it reads around it, as text. */
interface Describer {

  String describe(JsonNode object, DescribeSource source, DescribeContext context);

  /** kubectl's describer for {@code kind} of {@code group}, or the generic one. */
  static Describer forKind(String group, String kind) {
    return switch (group + "/" + kind) {
      case "apps/Deployment" -> new DeploymentDescriber();
      case "apps/ReplicaSet" -> new ReplicaSetDescriber();
      case "/Pod" -> new PodDescriber();
      case "/Service" -> new ServiceDescriber();
      case "/Endpoints" -> new EndpointsDescriber();
      case "/ConfigMap" -> new ConfigMapDescriber();
      case "/Node" -> new NodeDescriber();
      case "/Namespace" -> new NamespaceDescriber();
      case "/Secret" -> new SecretDescriber();
      case "/ServiceAccount" -> new ServiceAccountDescriber();
      default -> new GenericDescriber(kind);
    };
  }
}
