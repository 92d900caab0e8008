package io.capstan.cli.kubectl;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One object of a {@code -f} manifest placed on the server: its type and reference, and the
 * object with its namespace filled in as kubectl fills it (the {@code -n} namespace, or the
 * context's, for a namespaced object that names none).
 */
record ManifestTarget(ObjectRef ref, ObjectNode object, String source) {

  static ManifestTarget of(ManifestFiles.Manifest manifest, ResourceCatalog catalog,
      String namespace, boolean namespaceGiven) {
    JsonNode object = manifest.object();
    ApiResource type = catalog.forKind(object.path("apiVersion").asString(),
        object.path("kind").asString());
    ObjectNode copy = ((ObjectNode) object).deepCopy();
    ObjectNode metadata = copy.has("metadata") && copy.get("metadata").isObject()
        ? (ObjectNode) copy.get("metadata") : copy.putObject("metadata");
    String name = metadata.path("name").asString("");
    if (name.isEmpty()) {
      throw new KubectlError("error: error when retrieving current configuration of:\n"
          + "Resource: \"" + type.groupVersion() + ", Resource=" + type.name() + "\", "
          + "GroupVersionKind: \"" + type.groupVersion() + ", Kind=" + type.kind() + "\"\n"
          + "Name: \"\", Namespace: \"" + namespace + "\"\nfrom server for: \""
          + manifest.source() + "\": resource name may not be empty");
    }
    String ns = null;
    if (type.namespaced()) {
      String given = metadata.path("namespace").asString("");
      if (!given.isEmpty() && namespaceGiven && !given.equals(namespace)) {
        throw new KubectlError("error: the namespace from the provided object \"" + given
            + "\" does not match the namespace \"" + namespace + "\". You must pass "
            + "'--namespace=" + given + "' to perform this operation.");
      }
      ns = given.isEmpty() ? namespace : given;
      metadata.put("namespace", ns);
    }
    return new ManifestTarget(new ObjectRef(type, ns, name), copy, manifest.source());
  }
}
