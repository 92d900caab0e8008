package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import tools.jackson.databind.JsonNode;

/** The lines {@code describeVolumes} prints under a volume for its source. */
final class VolumeSources {

  private VolumeSources() {}

  static void write(DescribeWriter w, JsonNode volume) {
    if (volume.path("configMap").isObject()) {
      JsonNode cm = volume.path("configMap");
      w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n"
          + "    Name:\t%s\n    Optional:\t%s\n", text(cm.path("name")),
          cm.path("optional").asBoolean(false));
    } else if (volume.path("secret").isObject()) {
      JsonNode s = volume.path("secret");
      w.write(2, "Type:\tSecret (a volume populated by a Secret)\n"
          + "    SecretName:\t%s\n    Optional:\t%s\n", text(s.path("secretName")),
          s.path("optional").asBoolean(false));
    } else if (volume.path("emptyDir").isObject()) {
      JsonNode e = volume.path("emptyDir");
      String limit = Quantities.parse(e.path("sizeLimit")).value().signum() > 0
          ? Quantities.canonical(e.path("sizeLimit")) : "<unset>";
      w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
          + "    Medium:\t%s\n    SizeLimit:\t%s\n", text(e.path("medium")), limit);
    } else if (volume.path("hostPath").isObject()) {
      JsonNode h = volume.path("hostPath");
      String type = h.path("type").isString() ? text(h.path("type")) : "<none>";
      w.write(2, "Type:\tHostPath (bare host directory volume)\n"
          + "    Path:\t%s\n    HostPathType:\t%s\n", text(h.path("path")), type);
    } else if (volume.path("persistentVolumeClaim").isObject()) {
      JsonNode c = volume.path("persistentVolumeClaim");
      w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the "
          + "same namespace)\n    ClaimName:\t%s\n    ReadOnly:\t%s\n", text(c.path("claimName")),
          c.path("readOnly").asBoolean(false));
    } else if (volume.path("projected").isObject()) {
      projected(w, volume.path("projected"));
    } else if (volume.path("downwardAPI").isObject()) {
      w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n"
          + "    Items:\n");
      for (JsonNode item : volume.path("downwardAPI").path("items")) {
        JsonNode field = item.path("fieldRef");
        JsonNode resource = item.path("resourceFieldRef");
        if (field.isObject()) {
          w.write(3, "%s -> %s\n", text(field.path("fieldPath")), text(item.path("path")));
        } else if (resource.isObject()) {
          w.write(3, "%s -> %s\n", text(resource.path("resource")), text(item.path("path")));
        }
      }
    } else {
      w.write(1, "<unknown>\n");
    }
  }

  /** kubectl's printProjectedVolumeSource: one or two lines per source; optionals as Go's %v. */
  private static void projected(DescribeWriter w, JsonNode projected) {
    w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    for (JsonNode source : projected.path("sources")) {
      if (source.path("secret").isObject()) {
        JsonNode s = source.path("secret");
        w.write(2, "SecretName:\t%s\n    SecretOptionalName:\t%s\n", text(s.path("name")),
            optional(s.path("optional")));
      } else if (source.path("downwardAPI").isObject()) {
        w.write(2, "DownwardAPI:\ttrue\n");
      } else if (source.path("configMap").isObject()) {
        JsonNode c = source.path("configMap");
        w.write(2, "ConfigMapName:\t%s\n    ConfigMapOptional:\t%s\n", text(c.path("name")),
            optional(c.path("optional")));
      } else if (source.path("serviceAccountToken").isObject()) {
        w.write(2, "TokenExpirationSeconds:\t%d\n",
            source.path("serviceAccountToken").path("expirationSeconds").asLong(3600));
      }
    }
  }

  /** A {@code *bool} printed with {@code %v}: {@code <nil>} when unset. */
  private static String optional(JsonNode value) {
    return value.isBoolean() ? String.valueOf(value.asBoolean()) : "<nil>";
  }
}
