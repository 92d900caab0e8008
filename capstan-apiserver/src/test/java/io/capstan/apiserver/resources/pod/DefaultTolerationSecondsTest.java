package io.capstan.apiserver.resources.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DefaultTolerationSecondsTest {

  @Test
  void theServersSecondsGoIntoTheAddedTolerationsOnly() {
    ObjectNode pod = Json.object();
    pod.putObject("spec").putArray("tolerations").addObject()
        .put("key", PodAdmission.UNREACHABLE).put("operator", "Exists")
        .put("effect", "NoExecute").put("tolerationSeconds", 7);
    PodAdmission.admit(pod, new TolerationDefaults(30, 45));
    JsonNode tolerations = pod.at("/spec/tolerations");
    assertThat(tolerations).hasSize(2);
    assertThat(tolerations.get(0).get("tolerationSeconds").asLong()).isEqualTo(7);
    assertThat(tolerations.get(1).get("key").asString()).isEqualTo(PodAdmission.NOT_READY);
    assertThat(tolerations.get(1).get("tolerationSeconds").asLong()).isEqualTo(30);
  }

  @Test
  void bothAreAddedWithTheirOwnSeconds() {
    ObjectNode pod = Json.object();
    pod.putObject("spec");
    PodAdmission.admit(pod, new TolerationDefaults(30, 45));
    JsonNode tolerations = pod.at("/spec/tolerations");
    assertThat(tolerations.get(0).get("tolerationSeconds").asLong()).isEqualTo(30);
    assertThat(tolerations.get(1).get("key").asString()).isEqualTo(PodAdmission.UNREACHABLE);
    assertThat(tolerations.get(1).get("tolerationSeconds").asLong()).isEqualTo(45);
  }
}
