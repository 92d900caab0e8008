package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import org.junit.jupiter.api.Test;

class PodTemplateTextTest {

  @Test
  void plainTemplateIsWhatKubectlPrints() {
    String template = """
        {"metadata":{"labels":{"pod-template-hash":"7975df65bb","app":"web"},
          "annotations":{"kubernetes.io/change-cause":"to v2"}},
         "spec":{"containers":[{"name":"web","image":"web:v2","resources":{}}]}}""";
    // Recorded from kubectl 1.32's `rollout history deployment/web --revision=2`.
    assertThat(PodTemplateText.describe(Json.MAPPER.readTree(template))).isEqualTo("""
        Pod Template:
          Labels:\tapp=web
        \tpod-template-hash=7975df65bb
          Annotations:\tkubernetes.io/change-cause: to v2
          Containers:
           web:
            Image:\tweb:v2
            Port:\t<none>
            Host Port:\t<none>
            Environment:\t<none>
            Mounts:\t<none>
          Volumes:\t<none>
          Node-Selectors:\t<none>
          Tolerations:\t<none>
        """);
  }

  @Test
  void commandPortsProbeEnvironmentAndVolumes() {
    String template = """
        {"metadata":{"labels":{"app":"web"}},
         "spec":{"containers":[{"name":"app","image":"busybox","command":["sh","-c","run"],
           "ports":[{"containerPort":8080,"protocol":"TCP"}],
           "readinessProbe":{"httpGet":{"path":"/","port":8080,"scheme":"HTTP"},
             "periodSeconds":2,"timeoutSeconds":1,"successThreshold":1,"failureThreshold":3},
           "env":[{"name":"A","value":"1"},
                  {"name":"POD","valueFrom":{"fieldRef":{"apiVersion":"v1",
                    "fieldPath":"metadata.name"}}}],
           "volumeMounts":[{"name":"data","mountPath":"/data"}]}],
          "volumes":[{"name":"data","emptyDir":{}}]}}""";
    assertThat(PodTemplateText.describe(Json.MAPPER.readTree(template))).contains("""
            Port:\t8080/TCP
            Host Port:\t0/TCP
            Command:
              sh
              -c
              run
            Readiness:\thttp-get http://:8080/ delay=0s timeout=1s period=2s #success=1 \
        #failure=3
            Environment:
              A:\t1
              POD:\t (v1:metadata.name)
            Mounts:
              /data from data (rw)
          Volumes:
           data:
            Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)
        """);
  }
}
