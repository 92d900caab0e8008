package io.capstan.apiserver.patch;

import static io.capstan.apiserver.patch.Trees.yaml;
import static io.capstan.apiserver.patch.Trees.yamlBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Strategic merge patches as kubectl, controllers and users send them, on real kinds. Each case
 * states the live object, the patch and the whole expected object (YAML, list order significant).
 */
class StrategicMergePatchTest {

  record Case(String name, Class<?> model, String live, String patch, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String DEPLOYMENT = """
      metadata:
        name: web
        labels: {app: web}
      spec:
        replicas: 2
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: web
              image: nginx:1.1
              ports: [{containerPort: 80, protocol: TCP}]
              env: [{name: A, value: "1"}, {name: B, value: "2"}]
              volumeMounts: [{name: data, mountPath: /data}]
            - name: sidecar
              image: busybox
              args: [sleep, "3600"]
            volumes: [{name: data, emptyDir: {}}]
      """;

  private static final String ROLLING_UPDATE =
      "    type: RollingUpdate\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}\n";

  /** The Deployment with {@code spec.template.spec} replaced by {@code podSpec}. */
  private static String deploymentWith(String podSpec) {
    String head = DEPLOYMENT.substring(0, DEPLOYMENT.indexOf("    spec:\n"));
    return head + "    spec:\n" + podSpec.indent(6);
  }

  private static final String SIDECAR = """
      - name: sidecar
        image: busybox
        args: [sleep, "3600"]""";

  static Stream<Case> deployments() {
    return Stream.of(
        new Case("kubectl set image merges the container by name and keeps the order",
            Deployment.class, DEPLOYMENT,
            "{spec: {template: {spec: {containers: [{name: web, image: 'nginx:1.2'}]}}}}",
            DEPLOYMENT.replace("nginx:1.1", "nginx:1.2")),
        new Case("kubectl set image on the second container", Deployment.class, DEPLOYMENT,
            "{spec: {template: {spec: {containers: [{name: sidecar, image: 'busybox:2'}]}}}}",
            DEPLOYMENT.replace("image: busybox", "image: busybox:2")),
        new Case("kubectl rollout restart adds a template annotation", Deployment.class,
            DEPLOYMENT, """
            {spec: {template: {metadata: {annotations:
              {kubectl.kubernetes.io/restartedAt: '2026-01-02T15:04:05+01:00'}}}}}""",
            DEPLOYMENT.replace("      labels: {app: web}\n    spec:\n      containers",
                "      labels: {app: web}\n"
                    + "      annotations: {kubectl.kubernetes.io/restartedAt: "
                    + "'2026-01-02T15:04:05+01:00'}\n    spec:\n      containers")),
        new Case("kubectl rollout pause", Deployment.class, DEPLOYMENT,
            "{spec: {paused: true}}",
            DEPLOYMENT.replace("  replicas: 2\n", "  replicas: 2\n  paused: true\n")),
        new Case("kubectl scale through a strategic patch", Deployment.class, DEPLOYMENT,
            "{spec: {replicas: 5}}", DEPLOYMENT.replace("replicas: 2", "replicas: 5")),
        new Case("kubectl label adds and removes labels", Deployment.class, DEPLOYMENT,
            "{metadata: {labels: {tier: frontend, app: null}}}",
            DEPLOYMENT.replace("  labels: {app: web}\nspec", "  labels: {tier: frontend}\nspec")),
        new Case("$retainKeys drops rollingUpdate when switching to Recreate", Deployment.class,
            DEPLOYMENT, "{spec: {strategy: {$retainKeys: [type], type: Recreate}}}",
            DEPLOYMENT.replace(ROLLING_UPDATE, "    type: Recreate\n")),
        new Case("kubectl apply's Recreate patch: $retainKeys with a null", Deployment.class,
            DEPLOYMENT,
            "{spec: {strategy: {$retainKeys: [type], rollingUpdate: null, type: Recreate}}}",
            DEPLOYMENT.replace(ROLLING_UPDATE, "    type: Recreate\n")),
        new Case("without $retainKeys the strategy merges and keeps rollingUpdate",
            Deployment.class, DEPLOYMENT, "{spec: {strategy: {type: Recreate}}}",
            DEPLOYMENT.replace("type: RollingUpdate", "type: Recreate")),
        new Case("kubectl apply: new image, env B deleted, env C added, $setElementOrder",
            Deployment.class, DEPLOYMENT, """
            spec:
              template:
                spec:
                  $setElementOrder/containers: [{name: web}, {name: sidecar}]
                  containers:
                  - $setElementOrder/env: [{name: A}, {name: C}]
                    env: [{name: C, value: "3"}, {$patch: delete, name: B}]
                    image: nginx:1.2
                    name: web""",
            deploymentWith("""
                containers:
                - name: web
                  image: nginx:1.2
                  ports: [{containerPort: 80, protocol: TCP}]
                  env: [{name: A, value: "1"}, {name: C, value: "3"}]
                  volumeMounts: [{name: data, mountPath: /data}]
                %s
                volumes: [{name: data, emptyDir: {}}]""".formatted(SIDECAR))),
        new Case("kubectl apply: $retainKeys on a volume switches its source",
            Deployment.class, DEPLOYMENT, """
            spec:
              template:
                spec:
                  $setElementOrder/volumes: [{name: data}]
                  volumes:
                  - $retainKeys: [configMap, name]
                    configMap: {name: cfg}
                    name: data""",
            DEPLOYMENT.replace("volumes: [{name: data, emptyDir: {}}]",
                "volumes: [{name: data, configMap: {name: cfg}}]")),
        new Case("an env value changes in place", Deployment.class, DEPLOYMENT,
            "{spec: {template: {spec: {containers: [{name: web, env: [{name: A, value: '9'}]}]}}}}",
            DEPLOYMENT.replace("{name: A, value: \"1\"}", "{name: A, value: \"9\"}")),
        new Case("a new port goes before the server-only ones, as upstream orders it",
            Deployment.class, DEPLOYMENT,
            "{spec: {template: {spec: {containers: [{name: web, ports: [{containerPort: 443}]}]}}}}",
            DEPLOYMENT.replace("ports: [{containerPort: 80, protocol: TCP}]",
                "ports: [{containerPort: 443}, {containerPort: 80, protocol: TCP}]")),
        new Case("kubectl apply adds a volume mount last with $setElementOrder",
            Deployment.class, DEPLOYMENT, """
            spec:
              template:
                spec:
                  $setElementOrder/containers: [{name: web}, {name: sidecar}]
                  containers:
                  - name: web
                    $setElementOrder/volumeMounts: [{mountPath: /data}, {mountPath: /cache}]
                    volumeMounts: [{mountPath: /cache, name: cache}]""",
            DEPLOYMENT.replace("volumeMounts: [{name: data, mountPath: /data}]",
                "volumeMounts: [{name: data, mountPath: /data}, {name: cache, mountPath: /cache}]")),
        new Case("$patch: delete removes a container", Deployment.class, DEPLOYMENT,
            "{spec: {template: {spec: {containers: [{$patch: delete, name: sidecar}]}}}}",
            DEPLOYMENT.replace(SIDECAR.indent(6), "")),
        new Case("$patch: replace replaces the container list", Deployment.class, DEPLOYMENT,
            "{spec: {template: {spec: {containers: [{$patch: replace}, {name: only, image: x}]}}}}",
            deploymentWith("""
                containers: [{name: only, image: x}]
                volumes: [{name: data, emptyDir: {}}]""")),
        new Case("$patch: replace on a map replaces it", Deployment.class, DEPLOYMENT,
            "{metadata: {labels: {$patch: replace, fresh: 'yes'}}}",
            DEPLOYMENT.replace("  labels: {app: web}\nspec", "  labels: {fresh: 'yes'}\nspec")),
        new Case("$patch: delete on a map empties it", Deployment.class, DEPLOYMENT,
            "{spec: {template: {metadata: {labels: {$patch: delete}}}}}",
            DEPLOYMENT.replace("      labels: {app: web}\n    spec", "      labels: {}\n    spec")),
        new Case("a list without merge strategy (args) is replaced", Deployment.class,
            DEPLOYMENT,
            "{spec: {template: {spec: {containers: [{name: sidecar, args: [sleep, '10']}]}}}}",
            DEPLOYMENT.replace("args: [sleep, \"3600\"]", "args: [sleep, \"10\"]")),
        new Case("a new container goes first and loses its nulls", Deployment.class, DEPLOYMENT,
            "{spec: {template: {spec: {containers: [{name: new, image: x, resources: null}]}}}}",
            DEPLOYMENT.replace("      containers:\n", "      containers:\n      - {name: new, image: x}\n")),
        new Case("a null for an absent member is ignored", Deployment.class, DEPLOYMENT,
            "{spec: {minReadySeconds: null, template: {spec: {hostname: null}}}}", DEPLOYMENT),
        new Case("an empty merge list changes nothing", Deployment.class, DEPLOYMENT,
            "{spec: {template: {spec: {containers: []}}}}", DEPLOYMENT),
        new Case("a null patch changes nothing", Deployment.class, DEPLOYMENT, "null",
            DEPLOYMENT));
  }

  private static final String POD = """
      metadata:
        name: web-1
        uid: p1
        finalizers: [a, b]
        ownerReferences:
        - {apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: u1, controller: true}
        - {apiVersion: v1, kind: ConfigMap, name: cfg, uid: u2}
      spec:
        containers: [{name: web, image: nginx}]
        tolerations: [{key: a, operator: Exists}, {key: b, operator: Exists}]
        nodeSelector: {disk: ssd}
        x-unknown: {keep: 1, list: [1, 2]}
      """;

  static Stream<Case> pods() {
    return Stream.of(
        new Case("a new finalizer goes before the live ones, as upstream orders it", Pod.class,
            POD, "{metadata: {finalizers: [c]}}",
            POD.replace("finalizers: [a, b]", "finalizers: [c, a, b]")),
        new Case("finalizers merge as a set", Pod.class, POD,
            "{metadata: {finalizers: [b, c]}}",
            POD.replace("finalizers: [a, b]", "finalizers: [a, b, c]")),
        new Case("$deleteFromPrimitiveList removes a finalizer", Pod.class, POD,
            "{metadata: {$deleteFromPrimitiveList/finalizers: [a]}}",
            POD.replace("finalizers: [a, b]", "finalizers: [b]")),
        new Case("kubectl apply on finalizers: order, delete and add", Pod.class, POD, """
            {metadata: {$setElementOrder/finalizers: [a, c],
              $deleteFromPrimitiveList/finalizers: [b], finalizers: [c]}}""",
            POD.replace("finalizers: [a, b]", "finalizers: [a, c]")),
        new Case("a controller releases a pod: ownerReference deleted by uid", Pod.class, POD,
            "{metadata: {ownerReferences: [{$patch: delete, uid: u1}], uid: p1}}",
            POD.replace("  - {apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: u1, "
                + "controller: true}\n", "")),
        new Case("a controller adopts a pod: ownerReference merged by uid", Pod.class,
            POD.replace("controller: true", "controller: false"), """
            {metadata: {ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web,
              uid: u1, controller: true, blockOwnerDeletion: true}], uid: p1}}""",
            POD.replace("controller: true}", "controller: true, blockOwnerDeletion: true}")),
        new Case("tolerations have no merge strategy and are replaced", Pod.class, POD,
            "{spec: {tolerations: [{key: c, operator: Exists}]}}",
            POD.replace("[{key: a, operator: Exists}, {key: b, operator: Exists}]",
                "[{key: c, operator: Exists}]")),
        new Case("a map-typed field merges by key", Pod.class, POD,
            "{spec: {nodeSelector: {zone: a, disk: null}}}",
            POD.replace("nodeSelector: {disk: ssd}", "nodeSelector: {zone: a}")),
        new Case("unknown fields: maps merge, lists are replaced", Pod.class, POD,
            "{spec: {x-unknown: {extra: 2, list: [3]}}}",
            POD.replace("x-unknown: {keep: 1, list: [1, 2]}",
                "x-unknown: {keep: 1, list: [3], extra: 2}")));
  }

  private static final String CONFIG_MAP = """
      metadata: {name: cfg}
      data: {k1: v1, k2: v2}
      """;

  private static final String SERVICE = """
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{name: http, port: 80, targetPort: 8080, protocol: TCP}]
      """;

  private static final String NODE = """
      metadata: {name: n1}
      status:
        addresses: [{type: InternalIP, address: 10.0.0.1}, {type: Hostname, address: n1}]
        conditions:
        - {type: MemoryPressure, status: "False"}
        - {type: DiskPressure, status: "False"}
        - {type: Ready, status: "True", reason: KubeletReady}
      """;

  static Stream<Case> otherKinds() {
    return Stream.of(
        new Case("ConfigMap data merges; null deletes a key", ConfigMap.class, CONFIG_MAP,
            "{data: {k1: null, k3: v3}}", CONFIG_MAP.replace("{k1: v1, k2: v2}", "{k2: v2, k3: v3}")),
        new Case("Service ports merge by port", Service.class, SERVICE,
            "{spec: {ports: [{port: 80, targetPort: 9090}]}}",
            SERVICE.replace("targetPort: 8080", "targetPort: 9090")),
        new Case("a new Service port goes first", Service.class, SERVICE,
            "{spec: {ports: [{name: https, port: 443}]}}",
            SERVICE.replace("ports: [", "ports: [{name: https, port: 443}, ")),
        new Case("Node status: a condition updated by type, order kept", Node.class, NODE, """
            {status: {$setElementOrder/conditions: [{type: MemoryPressure}, {type: DiskPressure},
              {type: Ready}], conditions: [{type: Ready, status: "False",
              reason: KubeletNotReady}]}}""",
            NODE.replace("{type: Ready, status: \"True\", reason: KubeletReady}",
                "{type: Ready, status: \"False\", reason: KubeletNotReady}")),
        new Case("Node addresses merge by type", Node.class, NODE,
            "{status: {addresses: [{type: InternalIP, address: 10.0.0.2}]}}",
            NODE.replace("10.0.0.1", "10.0.0.2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"deployments", "pods", "otherKinds"})
  void appliesAsKubernetesDoes(Case c) {
    JsonNode live = yaml(c.live());
    JsonNode result = Patches.apply(PatchType.STRATEGIC, live, yamlBody(c.patch()), c.model());
    assertThat(Trees.canonical(result)).isEqualTo(yaml(c.expected()));
    assertThat(live).isEqualTo(yaml(c.live()));
  }
}
