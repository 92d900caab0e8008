package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.resources.fields.Defaulting;
import io.capstan.apiserver.resources.validation.Quantity;
import io.capstan.apiserver.resources.fields.Nodes;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defaults inside one container ({@code SetDefaults_Container}, probes, handlers, ports, env
 * field references and resource quantities), for regular, init and ephemeral containers alike.
 */
final class ContainerDefaults {

  private ContainerDefaults() {}

  static void apply(ObjectNode container) {
    if (Nodes.string(container, "imagePullPolicy").isEmpty()) {
      container.put("imagePullPolicy",
          ImageNames.defaultPullPolicy(Nodes.string(container, "image")));
    }
    Defaulting.string(container, "terminationMessagePath", "/dev/termination-log");
    Defaulting.string(container, "terminationMessagePolicy", "File");
    for (ObjectNode port : Nodes.objects(container, "ports")) {
      Defaulting.string(port, "protocol", "TCP");
    }
    for (ObjectNode env : Nodes.objects(container, "env")) {
      Nodes.at(env, "valueFrom", "fieldRef").filter(n -> n.isObject())
          .ifPresent(ref -> Defaulting.string((ObjectNode) ref, "apiVersion", "v1"));
    }
    for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
      Defaulting.child(container, probe).ifPresent(ContainerDefaults::applyToProbe);
    }
    Defaulting.child(container, "lifecycle").ifPresent(lifecycle -> {
      Defaulting.child(lifecycle, "postStart").ifPresent(ContainerDefaults::applyToHandler);
      Defaulting.child(lifecycle, "preStop").ifPresent(ContainerDefaults::applyToHandler);
    });
    Defaulting.child(container, "resources").ifPresent(resources -> {
      Defaulting.child(resources, "limits").ifPresent(Quantity::canonicalizeList);
      Defaulting.child(resources, "requests").ifPresent(Quantity::canonicalizeList);
    });
  }

  /** {@code SetDefaults_Probe} plus its handler. */
  static void applyToProbe(ObjectNode probe) {
    Defaulting.zeroInt(probe, "timeoutSeconds", 1);
    Defaulting.zeroInt(probe, "periodSeconds", 10);
    Defaulting.zeroInt(probe, "successThreshold", 1);
    Defaulting.zeroInt(probe, "failureThreshold", 3);
    applyToHandler(probe);
    Defaulting.child(probe, "grpc").ifPresent(grpc -> Defaulting.nilString(grpc, "service", ""));
  }

  /** {@code SetDefaults_HTTPGetAction}. */
  private static void applyToHandler(ObjectNode handler) {
    Defaulting.child(handler, "httpGet").ifPresent(http -> {
      Defaulting.string(http, "path", "/");
      Defaulting.string(http, "scheme", "HTTP");
    });
  }
}
