package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Validation of probes and lifecycle handlers. */
final class ProbeValidator {

  private static final String[] PROBE_HANDLERS = {"exec", "httpGet", "tcpSocket", "grpc"};
  private static final String[] LIFECYCLE_HANDLERS = {"exec", "httpGet", "tcpSocket", "sleep"};

  private ProbeValidator() {}

  /** Liveness and startup probes must need exactly one success. */
  static List<FieldError> liveness(JsonNode container, String field, Long grace, FieldPath path) {
    Optional<ObjectNode> probe = Nodes.object(container, field);
    if (probe.isEmpty()) {
      return List.of();
    }
    List<FieldError> errs = new ArrayList<>(probe(probe.get(), grace, path));
    long success = Nodes.integer(probe.get(), "successThreshold");
    if (success != 1) {
      errs.add(FieldError.invalid(path.child("successThreshold").text(), success, "must be 1"));
    }
    return errs;
  }

  static List<FieldError> readiness(JsonNode container, Long grace, FieldPath path) {
    Optional<ObjectNode> probe = Nodes.object(container, "readinessProbe");
    if (probe.isEmpty()) {
      return List.of();
    }
    List<FieldError> errs = new ArrayList<>(probe(probe.get(), grace, path));
    if (Nodes.has(probe.get(), "terminationGracePeriodSeconds")) {
      errs.add(FieldError.invalid(path.child("terminationGracePeriodSeconds").text(),
          Nodes.integer(probe.get(), "terminationGracePeriodSeconds"),
          "must not be set for readinessProbes"));
    }
    return errs;
  }

  private static List<FieldError> probe(ObjectNode probe, Long grace, FieldPath path) {
    List<FieldError> errs = new ArrayList<>(handler(probe, PROBE_HANDLERS, grace, path));
    for (String field : new String[] {"initialDelaySeconds", "timeoutSeconds", "periodSeconds",
        "successThreshold", "failureThreshold"}) {
      errs.addAll(CommonRules.nonNegative(Nodes.integer(probe, field), path.child(field)));
    }
    Nodes.optInteger(probe, "terminationGracePeriodSeconds").ifPresent(seconds -> {
      if (seconds <= 0) {
        errs.add(FieldError.invalid(path.child("terminationGracePeriodSeconds").text(), seconds,
            "must be greater than 0"));
      }
    });
    return errs;
  }

  static List<FieldError> lifecycle(JsonNode container, Long grace, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Optional<ObjectNode> lifecycle = Nodes.object(container, "lifecycle");
    if (lifecycle.isEmpty()) {
      return errs;
    }
    for (String hook : new String[] {"postStart", "preStop"}) {
      Nodes.object(lifecycle.get(), hook).ifPresent(h ->
          errs.addAll(handler(h, LIFECYCLE_HANDLERS, grace, path.child(hook))));
    }
    return errs;
  }

  private static List<FieldError> handler(ObjectNode handler, String[] kinds, Long grace,
      FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    int count = 0;
    for (String kind : kinds) {
      if (!Nodes.has(handler, kind)) {
        continue;
      }
      FieldPath p = path.child(kind);
      if (count > 0) {
        errs.add(FieldError.forbidden(p.text(), "may not specify more than 1 handler type"));
        continue;
      }
      count++;
      ObjectNode body = Nodes.objectOrEmpty(handler, kind);
      switch (kind) {
        case "exec" -> {
          if (Nodes.list(body, "command").isEmpty()) {
            errs.add(FieldError.required(p.child("command").text(), ""));
          }
        }
        case "httpGet" -> errs.addAll(httpGet(body, p));
        case "tcpSocket" -> errs.addAll(CommonRules.portNumOrName(body.get("port"),
            p.child("port")));
        case "grpc" -> {
          long port = Nodes.integer(body, "port");
          for (String msg : Names.portNumber(port)) {
            errs.add(FieldError.invalid(p.child("port").text(), port, msg));
          }
        }
        case "sleep" -> {
          long seconds = Nodes.integer(body, "seconds");
          if (grace != null && (seconds <= 0 || seconds > grace)) {
            errs.add(FieldError.invalid(p.text(), seconds, "must be greater than 0 and less than"
                + " terminationGracePeriodSeconds (" + grace + "). Enable"
                + " AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep."));
          }
        }
        default -> { }
      }
    }
    if (count == 0) {
      errs.add(FieldError.required(path.text(), "must specify a handler type"));
    }
    return errs;
  }

  private static List<FieldError> httpGet(ObjectNode http, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (Nodes.string(http, "path").isEmpty()) {
      errs.add(FieldError.required(path.child("path").text(), ""));
    }
    errs.addAll(CommonRules.portNumOrName(http.get("port"), path.child("port")));
    String scheme = Nodes.string(http, "scheme");
    if (!scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
      errs.add(FieldError.notSupported(path.child("scheme").text(), scheme,
          List.of("HTTP", "HTTPS")));
    }
    for (ObjectNode header : Nodes.objects(http, "httpHeaders")) {
      String name = Nodes.string(header, "name");
      errs.addAll(CommonRules.format(name, path.child("httpHeaders"), Names::httpHeaderName));
    }
    return errs;
  }
}
