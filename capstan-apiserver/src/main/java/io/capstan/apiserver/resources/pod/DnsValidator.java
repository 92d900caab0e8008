package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.IpAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Validation of the pod's name-resolution settings. */
final class DnsValidator {

  static final List<String> DNS_POLICIES =
      List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");

  private DnsValidator() {}

  static List<FieldError> dnsConfig(JsonNode spec, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Optional<ObjectNode> config = Nodes.object(spec, "dnsConfig");
    if (Nodes.string(spec, "dnsPolicy").equals("None")) {
      if (config.isEmpty()) {
        errs.add(FieldError.required(path.text(),
            "must provide `dnsConfig` when `dnsPolicy` is None"));
        return errs;
      }
      if (Nodes.list(config.get(), "nameservers").isEmpty()) {
        errs.add(FieldError.required(path.child("nameservers").text(),
            "must provide at least one DNS nameserver when `dnsPolicy` is None"));
        return errs;
      }
    }
    if (config.isEmpty()) {
      return errs;
    }
    List<String> nameservers = Nodes.strings(config.get(), "nameservers");
    if (nameservers.size() > 3) {
      errs.add(FieldError.invalid(path.child("nameservers").text(), nameservers.toString(),
          "must not have more than 3 nameservers"));
    }
    for (int i = 0; i < nameservers.size(); i++) {
      errs.addAll(IpAddresses.validateIp(path.child("nameservers").index(i), nameservers.get(i)));
    }
    List<String> searches = Nodes.strings(config.get(), "searches");
    if (searches.size() > 32) {
      errs.add(FieldError.invalid(path.child("searches").text(), searches.toString(),
          "must not have more than 32 search paths"));
    }
    if (String.join(" ", searches).length() > 2048) {
      errs.add(FieldError.invalid(path.child("searches").text(), searches.toString(),
          "must not have more than 2048 characters (including spaces) in the search list"));
    }
    for (int i = 0; i < searches.size(); i++) {
      String search = searches.get(i);
      if (search.endsWith(".")) {
        search = search.substring(0, search.length() - 1);
      }
      errs.addAll(CommonRules.dnsSubdomain(search, path.child("searches").index(i)));
    }
    List<ObjectNode> options = Nodes.objects(config.get(), "options");
    for (int i = 0; i < options.size(); i++) {
      if (Nodes.string(options.get(i), "name").isEmpty()) {
        errs.add(FieldError.required(path.child("options").index(i).text(), "must not be empty"));
      }
    }
    return errs;
  }

  static List<FieldError> hostAliases(List<ObjectNode> aliases, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < aliases.size(); i++) {
      errs.addAll(IpAddresses.validateIp(path.index(i).child("ip"),
          Nodes.string(aliases.get(i), "ip")));
      List<String> hostnames = Nodes.strings(aliases.get(i), "hostnames");
      for (int j = 0; j < hostnames.size(); j++) {
        errs.addAll(CommonRules.dnsSubdomain(hostnames.get(j),
            path.index(i).child("hostnames").index(j)));
      }
    }
    return errs;
  }
}
