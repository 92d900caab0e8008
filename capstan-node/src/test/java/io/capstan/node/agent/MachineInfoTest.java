package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Machine facts for the Node, and which ConfigMaps and Secrets a pod reads. */
class MachineInfoTest {

  @TempDir
  Path temp;

  @Test
  void parsesMeminfoAndOsRelease() {
    assertThat(MachineInfo.memoryKib("MemTotal:       16314436 kB\nMemFree: 1 kB\n"))
        .contains(16314436L);
    assertThat(MachineInfo.memoryKib("nothing")).isEmpty();
    assertThat(MachineInfo.osImage("NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n"))
        .isEqualTo("Debian GNU/Linux 12");
    assertThat(MachineInfo.architecture("x86_64")).isEqualTo("amd64");
    assertThat(MachineInfo.architecture("aarch64")).isEqualTo("arm64");
  }

  @Test
  void readsThisMachinesCapacity() {
    MachineInfo machine = MachineInfo.read(temp);
    assertThat(machine.capacity()).containsEntry("pods", "110")
        .containsEntry("cpu", Integer.toString(Runtime.getRuntime().availableProcessors()))
        .containsKey("ephemeral-storage");
    assertThat(machine.operatingSystem()).isEqualTo("linux");
  }

  @Test
  void findsConfigReferencesInVolumesEnvAndEnvFrom() {
    Pod pod = new PodBuilder().withNewSpec()
        .addNewVolume().withName("v1").withNewConfigMap().withName("cm-volume").endConfigMap()
        .endVolume()
        .addNewVolume().withName("v2").withNewSecret().withSecretName("secret-volume")
        .endSecret().endVolume()
        .addNewVolume().withName("v3").withNewProjected().addNewSource().withNewConfigMap()
        .withName("cm-projected").endConfigMap().endSource().endProjected().endVolume()
        .addNewContainer().withName("app")
        .addNewEnv().withName("A").withNewValueFrom().withNewConfigMapKeyRef()
        .withName("cm-env").withKey("k").endConfigMapKeyRef().endValueFrom().endEnv()
        .addNewEnvFrom().withNewSecretRef().withName("secret-envfrom").endSecretRef()
        .endEnvFrom().endContainer()
        .addNewInitContainer().withName("init").addNewEnvFrom().withNewConfigMapRef()
        .withName("cm-init").endConfigMapRef().endEnvFrom().endInitContainer()
        .endSpec().build();

    assertThat(ConfigReferences.names(pod, ConfigReferences.Kind.CONFIG_MAP))
        .containsExactly("cm-env", "cm-init", "cm-projected", "cm-volume");
    assertThat(ConfigReferences.names(pod, ConfigReferences.Kind.SECRET))
        .containsExactly("secret-envfrom", "secret-volume");
  }
}
