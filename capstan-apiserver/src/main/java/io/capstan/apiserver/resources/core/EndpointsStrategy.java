package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.IpAddresses;
import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Endpoints ({@code ValidateEndpoints}): valid, non-special addresses and named ports. */
public final class EndpointsStrategy implements ResourceStrategy {

  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

  @Override
  public void applyDefaults(ObjectNode endpoints) {
    for (ObjectNode subset : Nodes.objects(endpoints, "subsets")) {
      for (ObjectNode port : Nodes.objects(subset, "ports")) {
        if (Nodes.string(port, "protocol").isEmpty()) {
          port.put("protocol", "TCP");
        }
      }
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode endpoints, ObjectNode old) {
    Metadata.keepGeneration(endpoints, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode endpoints) {
    List<FieldError> errs = new ArrayList<>();
    List<ObjectNode> subsets = Nodes.objects(endpoints, "subsets");
    for (int i = 0; i < subsets.size(); i++) {
      ObjectNode subset = subsets.get(i);
      FieldPath p = FieldPath.of("subsets").index(i);
      List<ObjectNode> ready = Nodes.objects(subset, "addresses");
      List<ObjectNode> notReady = Nodes.objects(subset, "notReadyAddresses");
      if (ready.isEmpty() && notReady.isEmpty()) {
        errs.add(FieldError.required(p.text(), "must specify `addresses` or `notReadyAddresses`"));
      }
      for (int a = 0; a < ready.size(); a++) {
        errs.addAll(address(ready.get(a), p.child("addresses").index(a)));
      }
      for (int a = 0; a < notReady.size(); a++) {
        errs.addAll(address(notReady.get(a), p.child("notReadyAddresses").index(a)));
      }
      List<ObjectNode> ports = Nodes.objects(subset, "ports");
      for (int n = 0; n < ports.size(); n++) {
        errs.addAll(port(ports.get(n), ports.size() > 1, p.child("ports").index(n)));
      }
    }
    return errs;
  }

  private static List<FieldError> address(ObjectNode address, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String ip = Nodes.string(address, "ip");
    errs.addAll(IpAddresses.validateIp(path.child("ip"), ip));
    String hostname = Nodes.string(address, "hostname");
    if (!hostname.isEmpty()) {
      errs.addAll(CommonRules.dnsLabel(hostname, path.child("hostname")));
    }
    Nodes.optString(address, "nodeName").ifPresent(node ->
        errs.addAll(CommonRules.dnsSubdomain(node, path.child("nodeName"))));
    errs.addAll(IpAddresses.validateEndpointAddress(path.child("ip"), ip));
    return errs;
  }

  private static List<FieldError> port(ObjectNode port, boolean requireName, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String name = Nodes.string(port, "name");
    if (requireName && name.isEmpty()) {
      errs.add(FieldError.required(path.child("name").text(), ""));
    } else if (!name.isEmpty()) {
      errs.addAll(CommonRules.dnsLabel(name, path.child("name")));
    }
    long number = Nodes.integer(port, "port");
    for (String msg : Names.portNumber(number)) {
      errs.add(FieldError.invalid(path.child("port").text(), number, msg));
    }
    errs.addAll(CommonRules.oneOf(Nodes.string(port, "protocol"), path.child("protocol"),
        PROTOCOLS, true));
    Nodes.optString(port, "appProtocol").ifPresent(p ->
        errs.addAll(CommonRules.qualifiedName(p, path.child("appProtocol"))));
    return errs;
  }
}
