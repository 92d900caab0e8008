package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.IpAddresses;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code services/status} subresource: load-balancer status only. */
public final class ServiceStatusStrategy implements ResourceStrategy {

  private static final FieldPath INGRESS = FieldPath.of("status", "loadBalancer", "ingress");

  @Override
  public void applyDefaults(ObjectNode service) {
    ServiceDefaults.apply(service);
  }

  @Override
  public void prepareForUpdate(ObjectNode service, ObjectNode old) {
    Nodes.copyField(service, old, "spec");
    Metadata.keepGeneration(service, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode service) {
    return List.of();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode service, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = Nodes.objectOrEmpty(service, "spec");
    List<ObjectNode> ingress = Nodes.objects(Nodes.at(service, "status", "loadBalancer")
        .orElse(null), "ingress");
    if (!Services.type(spec).equals("LoadBalancer") && !ingress.isEmpty()) {
      errs.add(FieldError.forbidden(INGRESS.text(),
          "may only be used when `spec.type` is 'LoadBalancer'"));
      return errs;
    }
    for (int i = 0; i < ingress.size(); i++) {
      ObjectNode entry = ingress.get(i);
      FieldPath p = INGRESS.index(i);
      String ip = Nodes.string(entry, "ip");
      if (!ip.isEmpty()) {
        errs.addAll(IpAddresses.validateIp(p.child("ip"), ip));
      }
      if (!Nodes.has(entry, "ipMode")) {
        if (!ip.isEmpty()) {
          errs.add(FieldError.required(p.child("ipMode").text(), "must be specified when `ip` is set"));
        }
      } else if (ip.isEmpty()) {
        errs.add(FieldError.forbidden(p.child("ipMode").text(),
            "may not be specified when `ip` is not set"));
      } else {
        errs.addAll(CommonRules.oneOf(Nodes.string(entry, "ipMode"), p.child("ipMode"),
            List.of("Proxy", "VIP"), false));
      }
      String hostname = Nodes.string(entry, "hostname");
      if (!hostname.isEmpty()) {
        errs.addAll(CommonRules.dnsSubdomain(hostname, p.child("hostname")));
        if (IpAddresses.parse(hostname).isPresent()) {
          errs.add(FieldError.invalid(p.child("hostname").text(), hostname,
              "must be a DNS name, not an IP address"));
        }
      }
    }
    return errs;
  }
}
