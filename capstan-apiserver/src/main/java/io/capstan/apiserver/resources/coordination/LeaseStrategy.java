package io.capstan.apiserver.resources.coordination;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * coordination.k8s.io/v1 Leases ({@code ValidateLeaseSpec}): a positive duration, non-negative
 * transitions, and a preferred holder only with a coordinated strategy.
 */
public final class LeaseStrategy implements ResourceStrategy {

  private static final FieldPath SPEC = FieldPath.of("spec");
  private static final List<String> STRATEGIES = List.of("OldestEmulationVersion");

  @Override
  public void prepareForUpdate(ObjectNode lease, ObjectNode old) {
    Metadata.keepGeneration(lease, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode lease) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = Nodes.objectOrEmpty(lease, "spec");
    Nodes.optInteger(spec, "leaseDurationSeconds").ifPresent(duration -> {
      if (duration <= 0) {
        errs.add(FieldError.invalid(SPEC.child("leaseDurationSeconds").text(), duration,
            "must be greater than 0"));
      }
    });
    Nodes.optInteger(spec, "leaseTransitions").ifPresent(transitions -> {
      if (transitions < 0) {
        errs.add(FieldError.invalid(SPEC.child("leaseTransitions").text(), transitions,
            "must be greater than or equal to 0"));
      }
    });
    String strategy = Nodes.string(spec, "strategy");
    if (Nodes.has(spec, "strategy")) {
      FieldPath p = SPEC.child("strategy");
      if (!strategy.contains("/")) {
        if (!STRATEGIES.contains(strategy)) {
          errs.add(FieldError.notSupported(p.text(), strategy, STRATEGIES));
        }
      } else {
        errs.addAll(CommonRules.qualifiedName(strategy, p));
      }
    }
    if (!Nodes.string(spec, "preferredHolder").isEmpty() && strategy.isEmpty()) {
      errs.add(FieldError.forbidden(SPEC.child("preferredHolder").text(),
          "may only be specified if `strategy` is defined"));
    }
    return errs;
  }
}
