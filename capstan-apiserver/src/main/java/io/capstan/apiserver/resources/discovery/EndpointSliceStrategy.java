package io.capstan.apiserver.resources.discovery;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.IpAddresses;
import io.capstan.apiserver.resources.validation.LabelRules;
import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * discovery.k8s.io/v1 EndpointSlices ({@code pkg/apis/discovery/validation}): an immutable address
 * type, addresses valid for it, at most 1000 endpoints of at most 100 addresses, and named ports.
 * The generation moves whenever anything but metadata (other than labels) changes.
 */
public final class EndpointSliceStrategy implements ResourceStrategy {

  private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final int MAX_ENDPOINTS = 1000;
  private static final int MAX_ADDRESSES = 100;
  private static final int MAX_PORTS = 100;
  private static final int MAX_TOPOLOGY_LABELS = 16;
  private static final int MAX_HINTS = 8;

  @Override
  public void applyDefaults(ObjectNode slice) {
    for (ObjectNode port : Nodes.objects(slice, "ports")) {
      if (!Nodes.has(port, "name")) {
        port.put("name", "");
      }
      if (!Nodes.has(port, "protocol")) {
        port.put("protocol", "TCP");
      }
    }
  }

  @Override
  public void prepareForCreate(ObjectNode slice) {
    Metadata.setGeneration(slice, 1);
  }

  @Override
  public void prepareForUpdate(ObjectNode slice, ObjectNode old) {
    ObjectNode now = slice.deepCopy();
    ObjectNode before = old.deepCopy();
    now.remove("metadata");
    before.remove("metadata");
    applyDefaults(now);
    applyDefaults(before);
    boolean labelsChanged = !Nodes.semanticEquals(Metadata.read(slice).get("labels"),
        Metadata.read(old).get("labels"));
    if (!Nodes.semanticEquals(now, before) || labelsChanged) {
      Metadata.bumpGeneration(slice, old);
    } else {
      Metadata.keepGeneration(slice, old);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode slice) {
    return validate(slice, ADDRESS_TYPES);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode slice, ObjectNode old) {
    List<String> types = new ArrayList<>(ADDRESS_TYPES);
    types.addFirst("IP");
    List<FieldError> errs = new ArrayList<>(validate(slice, types));
    errs.addAll(CommonRules.immutable(slice.get("addressType"), old.get("addressType"),
        FieldPath.of("addressType")));
    return errs;
  }

  private static List<FieldError> validate(JsonNode slice, List<String> addressTypes) {
    List<FieldError> errs = new ArrayList<>();
    String addressType = Nodes.string(slice, "addressType");
    errs.addAll(CommonRules.oneOf(addressType, FieldPath.of("addressType"), addressTypes, true));
    errs.addAll(endpoints(Nodes.objects(slice, "endpoints"), addressType));
    errs.addAll(ports(Nodes.objects(slice, "ports")));
    return errs;
  }

  private static List<FieldError> endpoints(List<ObjectNode> endpoints, String addressType) {
    List<FieldError> errs = new ArrayList<>();
    FieldPath path = FieldPath.of("endpoints");
    if (endpoints.size() > MAX_ENDPOINTS) {
      errs.add(FieldError.tooMany(path.text(), endpoints.size(), MAX_ENDPOINTS));
      return errs;
    }
    for (int i = 0; i < endpoints.size(); i++) {
      ObjectNode endpoint = endpoints.get(i);
      FieldPath idx = path.index(i);
      FieldPath addressPath = idx.child("addresses");
      List<String> addresses = Nodes.strings(endpoint, "addresses");
      if (addresses.isEmpty()) {
        errs.add(FieldError.required(addressPath.text(), "must contain at least 1 address"));
      } else if (addresses.size() > MAX_ADDRESSES) {
        errs.add(FieldError.tooMany(addressPath.text(), addresses.size(), MAX_ADDRESSES));
      }
      for (int a = 0; a < addresses.size(); a++) {
        errs.addAll(address(addresses.get(a), addressType, addressPath.index(a)));
      }
      Nodes.optString(endpoint, "nodeName").ifPresent(node ->
          errs.addAll(CommonRules.dnsSubdomain(node, idx.child("nodeName"))));
      FieldPath topology = idx.child("deprecatedTopology");
      var labels = Nodes.stringMap(endpoint, "deprecatedTopology");
      if (labels.size() > MAX_TOPOLOGY_LABELS) {
        errs.add(FieldError.tooMany(topology.text(), labels.size(), MAX_TOPOLOGY_LABELS));
      }
      errs.addAll(LabelRules.validateLabels(labels, topology));
      Nodes.optString(endpoint, "hostname").ifPresent(host ->
          errs.addAll(CommonRules.dnsLabel(host, idx.child("hostname"))));
      Nodes.object(endpoint, "hints").ifPresent(hints -> errs.addAll(hints(hints,
          idx.child("hints"))));
    }
    return errs;
  }

  private static List<FieldError> address(String address, String type, FieldPath path) {
    return switch (type) {
      case "IPv4" -> {
        List<FieldError> errs = IpAddresses.validateIpv4(path, address);
        yield errs.isEmpty() ? IpAddresses.validateEndpointAddress(path, address) : errs;
      }
      case "IPv6" -> {
        List<FieldError> errs = IpAddresses.validateIpv6(path, address);
        yield errs.isEmpty() ? IpAddresses.validateEndpointAddress(path, address) : errs;
      }
      case "FQDN" -> fqdn(address, path);
      case "IP" -> IpAddresses.validateIp(path, address);
      default -> List.of();
    };
  }

  /** {@code IsFullyQualifiedDomainName}: a subdomain of at least two labels. */
  private static List<FieldError> fqdn(String name, FieldPath path) {
    if (name.isEmpty()) {
      return List.of(FieldError.required(path.text(), ""));
    }
    String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    List<String> msgs = Names.dns1123Subdomain(trimmed);
    if (!msgs.isEmpty()) {
      return List.of(FieldError.invalid(path.text(), trimmed, String.join(",", msgs)));
    }
    if (trimmed.split("\\.").length < 2) {
      return List.of(FieldError.invalid(path.text(), trimmed,
          "should be a domain with at least two segments separated by dots"));
    }
    return List.of();
  }

  private static List<FieldError> hints(JsonNode hints, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    List<ObjectNode> zones = Nodes.objects(hints, "forZones");
    FieldPath zonesPath = path.child("forZones");
    if (zones.size() > MAX_HINTS) {
      errs.add(FieldError.tooMany(zonesPath.text(), zones.size(), MAX_HINTS));
      return errs;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < zones.size(); i++) {
      String zone = Nodes.string(zones.get(i), "name");
      FieldPath p = zonesPath.index(i).child("name");
      if (!seen.add(zone)) {
        errs.add(FieldError.duplicate(p.text(), zone));
      }
      errs.addAll(CommonRules.format(zone, p, Names::labelValue));
    }
    return errs;
  }

  private static List<FieldError> ports(List<ObjectNode> ports) {
    List<FieldError> errs = new ArrayList<>();
    FieldPath path = FieldPath.of("ports");
    if (ports.size() > MAX_PORTS) {
      errs.add(FieldError.tooMany(path.text(), ports.size(), MAX_PORTS));
      return errs;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ObjectNode port = ports.get(i);
      FieldPath idx = path.index(i);
      String name = Nodes.string(port, "name");
      if (!name.isEmpty()) {
        errs.addAll(CommonRules.dnsLabel(name, idx.child("name")));
      }
      if (!names.add(name)) {
        errs.add(FieldError.duplicate(idx.child("name").text(), name));
      }
      if (!Nodes.has(port, "protocol")) {
        errs.add(FieldError.required(idx.child("protocol").text(), ""));
      } else {
        errs.addAll(CommonRules.oneOf(Nodes.string(port, "protocol"), idx.child("protocol"),
            PROTOCOLS, false));
      }
      Nodes.optString(port, "appProtocol").ifPresent(p ->
          errs.addAll(CommonRules.qualifiedName(p, idx.child("appProtocol"))));
      Nodes.optInteger(port, "port").ifPresent(n -> {
        for (String msg : Names.portNumber(n)) {
          errs.add(FieldError.invalid(idx.child("port").text(), n, msg));
        }
      });
    }
    return errs;
  }
}
