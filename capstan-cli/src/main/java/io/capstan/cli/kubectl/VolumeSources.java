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
    } else {
      w.write(1, "<unknown>\n");
    }
  }
}
