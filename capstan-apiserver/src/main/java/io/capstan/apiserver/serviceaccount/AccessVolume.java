package io.capstan.apiserver.serviceaccount;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code kube-api-access-xxxxx} volume of the ServiceAccount admission plugin
 * ({@code mountServiceAccountToken} and {@code TokenVolumeSource} in
 * {@code plugin/pkg/admission/serviceaccount}), with fields in the order the API server writes
 * them:
 *
 * <pre>
 * {"name":"kube-api-access-x7kq2","projected":{"sources":[
 *    {"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
 *    {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},
 *    {"downwardAPI":{"items":[{"path":"namespace",
 *        "fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}],
 *  "defaultMode":420}}
 * </pre>
 *
 * and in every init container and container that does not already mount something at
 * {@code /var/run/secrets/kubernetes.io/serviceaccount}, the mount
 * {@code {"name":"kube-api-access-x7kq2","readOnly":true,"mountPath":"/var/run/secrets/..."}}.
 * A pod that already has a {@code kube-api-access-} volume keeps it and its name.
 */
final class AccessVolume {

  static final String NAME_PREFIX = "kube-api-access-";
  static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
  static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";
  /** Kubernetes' {@code WarnOnlyBoundTokenExpirationSeconds}: an hour and seven seconds. */
  static final int TOKEN_EXPIRATION_SECONDS = 3607;
  static final int DEFAULT_MODE = 0644;

  private AccessVolume() {}

  /** Adds the volume and its mounts to {@code spec}; {@code names} makes a fresh volume name. */
  static void mount(ObjectNode spec, Supplier<String> names) {
    String volumeName = null;
    for (JsonNode volume : spec.path("volumes")) {
      String name = volume.path("name").asString("");
      if (name.startsWith(NAME_PREFIX)) {
        volumeName = name;
        break;
      }
    }
    boolean hasVolume = volumeName != null;
    if (!hasVolume) {
      volumeName = names.get();
    }
    boolean needed = addMounts(spec, "initContainers", volumeName);
    needed |= addMounts(spec, "containers", volumeName);
    if (!hasVolume && needed) {
      ArrayNode volumes = spec.path("volumes").isArray() ? (ArrayNode) spec.get("volumes")
          : spec.putArray("volumes");
      volumes.add(volume(volumeName));
    }
  }

  private static boolean addMounts(ObjectNode spec, String field, String volumeName) {
    boolean added = false;
    for (JsonNode container : containers(spec, field)) {
      boolean mounted = false;
      for (JsonNode mount : container.path("volumeMounts")) {
        mounted |= mount.path("mountPath").asString("").equals(MOUNT_PATH);
      }
      if (!mounted) {
        ObjectNode c = (ObjectNode) container;
        ArrayNode mounts = c.path("volumeMounts").isArray() ? (ArrayNode) c.get("volumeMounts")
            : c.putArray("volumeMounts");
        mounts.add(mount(volumeName));
        added = true;
      }
    }
    return added;
  }

  private static List<JsonNode> containers(ObjectNode spec, String field) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode c : spec.path(field)) {
      if (c.isObject()) {
        out.add(c);
      }
    }
    return out;
  }

  static ObjectNode mount(String volumeName) {
    ObjectNode mount = Json.object();
    mount.put("name", volumeName);
    mount.put("readOnly", true);
    mount.put("mountPath", MOUNT_PATH);
    return mount;
  }

  static ObjectNode volume(String volumeName) {
    ObjectNode volume = Json.object();
    volume.put("name", volumeName);
    ObjectNode projected = volume.putObject("projected");
    ArrayNode sources = projected.putArray("sources");
    ObjectNode token = sources.addObject().putObject("serviceAccountToken");
    token.put("expirationSeconds", TOKEN_EXPIRATION_SECONDS);
    token.put("path", "token");
    ObjectNode configMap = sources.addObject().putObject("configMap");
    configMap.put("name", ROOT_CA_CONFIG_MAP);
    ObjectNode item = configMap.putArray("items").addObject();
    item.put("key", "ca.crt");
    item.put("path", "ca.crt");
    ObjectNode file = sources.addObject().putObject("downwardAPI").putArray("items").addObject();
    file.put("path", "namespace");
    ObjectNode fieldRef = file.putObject("fieldRef");
    fieldRef.put("apiVersion", "v1");
    fieldRef.put("fieldPath", "metadata.namespace");
    projected.put("defaultMode", DEFAULT_MODE);
    return volume;
  }
}
