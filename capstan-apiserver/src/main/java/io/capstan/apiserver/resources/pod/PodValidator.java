package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code ValidatePodCreate} and the metadata-plus-spec rules pod updates repeat. */
public final class PodValidator {

  static final FieldPath SPEC = FieldPath.of("spec");
  static final FieldPath META = FieldPath.of("metadata");

  private PodValidator() {}

  public static List<FieldError> validateCreate(JsonNode pod) {
    List<FieldError> errs = new ArrayList<>(metadataAndSpec(pod, false));
    JsonNode spec = Nodes.objectOrEmpty(pod, "spec");
    if (!Nodes.list(spec, "ephemeralContainers").isEmpty()) {
      errs.add(FieldError.forbidden(SPEC.child("ephemeralContainers").text(),
          "cannot be set on create"));
    }
    if (!Nodes.string(spec, "nodeName").isEmpty()
        && !Nodes.list(spec, "schedulingGates").isEmpty()) {
      errs.add(FieldError.forbidden(SPEC.child("nodeName").text(),
          "cannot be set until all schedulingGates have been cleared"));
    }
    return errs;
  }

  /** {@code validatePodMetadataAndSpec} (the generic metadata is checked by the registry). */
  static List<FieldError> metadataAndSpec(JsonNode pod, boolean allowInvalidDeletionCost) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = Nodes.objectOrEmpty(pod, "spec");
    errs.addAll(PodTemplateValidator.podAnnotations(Metadata.annotations(pod), spec,
        META.child("annotations"), allowInvalidDeletionCost));
    errs.addAll(PodSpecValidator.validate(spec, SPEC, true));
    if (Nodes.string(spec, "serviceAccountName").isEmpty()) {
      List<ObjectNode> volumes = Nodes.objects(spec, "volumes");
      for (int v = 0; v < volumes.size(); v++) {
        List<ObjectNode> sources = Nodes.objects(Nodes.objectOrEmpty(volumes.get(v), "projected"),
            "sources");
        for (int s = 0; s < sources.size(); s++) {
          if (Nodes.has(sources.get(s), "serviceAccountToken")) {
            errs.add(FieldError.forbidden(SPEC.child("volumes").index(v).child("projected")
                .child("sources").index(s).child("serviceAccountToken").text(),
                "must not be specified when serviceAccountName is not set"));
          }
        }
      }
    }
    for (String list : new String[] {"containers", "initContainers"}) {
      List<ObjectNode> containers = Nodes.objects(spec, list);
      for (int i = 0; i < containers.size(); i++) {
        errs.addAll(ContainerValidator.imageWhitespace(containers.get(i),
            SPEC.child(list).index(i)));
      }
    }
    return errs;
  }
}
