package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** Validation of {@code projected} volume sources ({@code validateProjectionSources}). */
final class ProjectedVolumes {

  private ProjectedVolumes() {}

  static List<FieldError> validate(ObjectNode projected, FieldPath path) {
    List<FieldError> errs = new ArrayList<>(Paths.fileMode(VolumeValidator.mode(projected,
        "defaultMode"), path.child("defaultMode")));
    Set<String> allPaths = new HashSet<>();
    List<ObjectNode> sources = Nodes.objects(projected, "sources");
    for (int i = 0; i < sources.size(); i++) {
      ObjectNode source = sources.get(i);
      FieldPath srcPath = path.child("sources").index(i);
      int count = 0;
      for (String kind : new String[] {"secret", "configMap"}) {
        if (!Nodes.has(source, kind)) {
          continue;
        }
        count++;
        ObjectNode body = Nodes.objectOrEmpty(source, kind);
        FieldPath p = srcPath.child(kind);
        VolumeValidator.requireString(body, "name", p, errs);
        errs.addAll(VolumeValidator.keyToPaths(body, p.child("items")));
        for (ObjectNode item : Nodes.objects(body, "items")) {
          String itemPath = Nodes.string(item, "path");
          if (!itemPath.isEmpty() && !allPaths.add(itemPath)) {
            errs.add(FieldError.invalid(path.text(), Nodes.string(body, "name"),
                "conflicting duplicate paths"));
          }
        }
      }
      if (Nodes.has(source, "downwardAPI")) {
        count++;
        FieldPath p = srcPath.child("downwardAPI");
        for (ObjectNode item : Nodes.objects(Nodes.objectOrEmpty(source, "downwardAPI"),
            "items")) {
          errs.addAll(VolumeValidator.downwardApiFile(item, p));
          String itemPath = Nodes.string(item, "path");
          if (!itemPath.isEmpty() && !allPaths.add(itemPath)) {
            errs.add(FieldError.invalid(path.text(), itemPath, "conflicting duplicate paths"));
          }
        }
      }
      if (Nodes.has(source, "serviceAccountToken")) {
        count++;
        ObjectNode token = Nodes.objectOrEmpty(source, "serviceAccountToken");
        FieldPath p = srcPath.child("serviceAccountToken");
        long expiration = Nodes.integer(token, "expirationSeconds");
        if (expiration < 600) {
          errs.add(FieldError.invalid(p.child("expirationSeconds").text(), expiration,
              "may not specify a duration less than 10 minutes"));
        }
        if (expiration > (1L << 32)) {
          errs.add(FieldError.invalid(p.child("expirationSeconds").text(), expiration,
              "may not specify a duration larger than 2^32 seconds"));
        }
        String tokenPath = Nodes.string(token, "path");
        if (tokenPath.isEmpty()) {
          errs.add(FieldError.required(path.child("path").text(), ""));
        } else {
          errs.addAll(Paths.localNonReserved(tokenPath, path.child("path")));
        }
      }
      if (Nodes.has(source, "clusterTrustBundle")) {
        count++;
        ObjectNode bundle = Nodes.objectOrEmpty(source, "clusterTrustBundle");
        FieldPath p = srcPath.child("clusterTrustBundle");
        boolean byName = Nodes.has(bundle, "name");
        boolean bySigner = Nodes.has(bundle, "signerName");
        if (byName && bySigner) {
          errs.add(FieldError.invalid(p.text(), bundle, "only one of name and signerName may be used"));
        } else if (!byName && !bySigner) {
          errs.add(FieldError.required(p.text(), "either name or signerName must be specified"));
        }
        String bundlePath = Nodes.string(bundle, "path");
        if (bundlePath.isEmpty()) {
          errs.add(FieldError.required(p.child("path").text(), ""));
        }
        errs.addAll(Paths.localNonReserved(bundlePath, p.child("path")));
        if (!allPaths.add(bundlePath)) {
          errs.add(FieldError.invalid(path.text(), bundlePath, "conflicting duplicate paths"));
        }
      }
      if (count > 1) {
        errs.add(FieldError.forbidden(srcPath.text(),
            "may not specify more than 1 volume type per source"));
      }
    }
    return errs;
  }
}
