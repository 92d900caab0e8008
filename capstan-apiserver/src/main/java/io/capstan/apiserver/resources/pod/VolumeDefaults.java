package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.resources.fields.Defaulting;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Defaults of pod volumes ({@code SetDefaults_Volume} and the per-source functions). */
final class VolumeDefaults {

  /** Every volume source field of {@code v1.VolumeSource}. */
  static final List<String> SOURCES = List.of("hostPath", "emptyDir", "gcePersistentDisk",
      "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs",
      "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI",
      "fc", "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk",
      "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi",
      "ephemeral", "image");

  /** 0644, the default file mode of secret, configMap, downwardAPI and projected volumes. */
  static final int DEFAULT_MODE = 420;

  private VolumeDefaults() {}

  static void apply(ObjectNode volume) {
    if (SOURCES.stream().noneMatch(s -> Nodes.has(volume, s))) {
      volume.putObject("emptyDir");
    }
    Defaulting.child(volume, "secret").ifPresent(s -> Defaulting.nilInt(s, "defaultMode",
        DEFAULT_MODE));
    Defaulting.child(volume, "configMap").ifPresent(s -> Defaulting.nilInt(s, "defaultMode",
        DEFAULT_MODE));
    Defaulting.child(volume, "downwardAPI").ifPresent(s -> {
      Defaulting.nilInt(s, "defaultMode", DEFAULT_MODE);
      applyToDownwardApiItems(s);
    });
    Defaulting.child(volume, "projected").ifPresent(projected -> {
      Defaulting.nilInt(projected, "defaultMode", DEFAULT_MODE);
      for (ObjectNode source : Nodes.objects(projected, "sources")) {
        Defaulting.child(source, "downwardAPI").ifPresent(VolumeDefaults::applyToDownwardApiItems);
        Defaulting.child(source, "serviceAccountToken")
            .ifPresent(t -> Defaulting.nilInt(t, "expirationSeconds", 3600));
      }
    });
    Defaulting.child(volume, "hostPath").ifPresent(h -> Defaulting.nilString(h, "type", ""));
    Defaulting.child(volume, "iscsi")
        .ifPresent(i -> Defaulting.string(i, "iscsiInterface", "default"));
    Defaulting.child(volume, "rbd").ifPresent(rbd -> {
      Defaulting.string(rbd, "pool", "rbd");
      Defaulting.string(rbd, "user", "admin");
      Defaulting.string(rbd, "keyring", "/etc/ceph/keyring");
    });
    Defaulting.child(volume, "azureDisk").ifPresent(disk -> {
      Defaulting.nilString(disk, "cachingMode", "ReadWrite");
      Defaulting.nilString(disk, "fsType", "ext4");
      Defaulting.nilBool(disk, "readOnly", false);
      Defaulting.nilString(disk, "kind", "Shared");
    });
    Defaulting.child(volume, "scaleIO").ifPresent(scaleIo -> {
      Defaulting.string(scaleIo, "storageMode", "ThinProvisioned");
      Defaulting.string(scaleIo, "fsType", "xfs");
    });
    Nodes.at(volume, "ephemeral", "volumeClaimTemplate", "spec").filter(n -> n.isObject())
        .ifPresent(spec -> Defaulting.nilString((ObjectNode) spec, "volumeMode", "Filesystem"));
  }

  private static void applyToDownwardApiItems(ObjectNode downwardApi) {
    for (ObjectNode item : Nodes.objects(downwardApi, "items")) {
      Defaulting.child(item, "fieldRef").ifPresent(ref -> Defaulting.string(ref, "apiVersion",
          "v1"));
    }
  }
}
