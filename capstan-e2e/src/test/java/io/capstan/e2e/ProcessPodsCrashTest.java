package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGKILL of {@code capstan server} leaves its pods' processes running, as containers outlive a
 * crashed kubelet; the restarted server finds them, stops them (their output pipes died with the
 * old process) and runs the pods again, so exactly one copy of each runs and the restart shows in
 * {@code restartCount}. An orderly stop then leaves nothing behind.
 */
class ProcessPodsCrashTest {

  @Test
  void podsLeftByAKilledServerAreCleanedUpAndRunAgain(@TempDir Path dataDir) throws Exception {
    String marker = "crash-marker=" + dataDir.getFileName();
    String script = "echo started; while true; do " + Busybox.path() + " sleep 0.2; done";
    String pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: survivor}
        spec:
          containers:
          - name: app
            image: busybox
            command: ["%s", "sh", "-c", "%s", "%s"]
        """.formatted(Busybox.path(), script, marker);
    String[] flags = {"--node-name", "crash", "--pod-cidr", "127.42.0.0/16"};

    long firstPid;
    try (CapstanProcess capstan = CapstanProcess.start(dataDir, flags);
        KubernetesClient client = client(capstan)) {
      Kubectl k = Kubectl.onThisMachine().getFirst().withKubeconfig(capstan.kubeconfig());
      k.okWithInput(pod, "apply", "-f", "-");
      await().atMost(Duration.ofSeconds(30)).until(() -> ready(client));
      firstPid = single(marker).pid();
      capstan.kill();
    }
    assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive))
        .as("the pod's process outlives the crashed server").contains(true);

    try (CapstanProcess capstan = CapstanProcess.start(dataDir, flags);
        KubernetesClient client = client(capstan)) {
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        Pod survivor = client.pods().inNamespace("default").withName("survivor").get();
        assertThat(survivor.getStatus().getContainerStatuses().getFirst().getRestartCount())
            .isEqualTo(1);
        assertThat(ready(client)).isTrue();
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isNotEqualTo(
            java.util.Optional.of(true));
        assertThat(single(marker).pid()).isNotEqualTo(firstPid);
      });
      capstan.stop();
      assertThat(matching(marker)).as("an orderly stop leaves no process; server log:\n%s",
              capstan.log())
          .extracting(p -> p.pid() + " " + p.info().commandLine().orElse("?")).isEmpty();
    }
  }

  private static KubernetesClient client(CapstanProcess capstan) throws Exception {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(capstan.kubeconfig()))).build();
  }

  private static boolean ready(KubernetesClient client) {
    Pod pod = client.pods().inNamespace("default").withName("survivor").get();
    return pod != null && pod.getStatus().getConditions() != null && pod.getStatus()
        .getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  /** The one main process of the pod: its shell, whose command line carries the marker. */
  private static ProcessHandle single(String marker) {
    List<ProcessHandle> found = matching(marker);
    assertThat(found).as("processes of the pod").hasSize(1);
    return found.getFirst();
  }

  private static List<ProcessHandle> matching(String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
  }
}
