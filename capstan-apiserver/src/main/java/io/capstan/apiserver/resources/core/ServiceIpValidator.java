package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.IpAddresses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The Service fields tied to cluster IPs: {@code clusterIP}/{@code clusterIPs}/
 * {@code ipFamilies}/{@code ipFamilyPolicy} consistency, and what an update may change (nothing
 * once set, except adding or releasing the secondary family, or moving to/from ExternalName).
 */
final class ServiceIpValidator {

  private static final FieldPath SPEC = ServiceValidator.SPEC;
  private static final FieldPath CLUSTER_IPS = SPEC.child("clusterIPs");
  private static final FieldPath FAMILIES = SPEC.child("ipFamilies");
  private static final FieldPath POLICY = SPEC.child("ipFamilyPolicy");
  private static final String MAY_NOT_CHANGE = "may not change once set";

  private ServiceIpValidator() {}

  /** {@code ValidateServiceClusterIPsRelatedFields}. */
  static List<FieldError> clusterIpFields(JsonNode spec) {
    List<FieldError> errs = new ArrayList<>();
    if (Services.type(spec).equals("ExternalName")) {
      return errs;
    }
    String clusterIp = Nodes.string(spec, "clusterIP");
    List<String> clusterIps = Nodes.strings(spec, "clusterIPs");
    if (!clusterIp.isEmpty()) {
      if (clusterIps.isEmpty()) {
        errs.add(FieldError.required(CLUSTER_IPS.text(), ""));
      } else if (!clusterIps.getFirst().equals(clusterIp)) {
        errs.add(FieldError.invalid(CLUSTER_IPS.text(), new GoStrings(clusterIps),
            "first value must match `clusterIP`"));
      }
    } else if (!clusterIps.isEmpty()) {
      errs.add(FieldError.invalid(CLUSTER_IPS.text(), new GoStrings(clusterIps),
          "must be empty when `clusterIP` is not specified"));
    }
    List<String> families = Nodes.strings(spec, "ipFamilies");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < families.size(); i++) {
      String family = families.get(i);
      if (!family.equals("IPv4") && !family.equals("IPv6")) {
        errs.add(FieldError.notSupported(FAMILIES.index(i).text(), family,
            List.of("IPv4", "IPv6")));
      }
      if (!seen.add(family)) {
        errs.add(FieldError.duplicate(FAMILIES.index(i).text(), family));
      }
    }
    Nodes.optString(spec, "ipFamilyPolicy").ifPresent(policy -> {
      List<String> policies = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
      if (!policies.contains(policy)) {
        errs.add(FieldError.notSupported(POLICY.text(), policy, policies));
      }
    });
    boolean invalidIps = false;
    for (int i = 0; i < clusterIps.size(); i++) {
      String ip = clusterIps.get(i);
      if (i == 0 && ip.equals("None")) {
        if (clusterIps.size() > 1) {
          invalidIps = true;
          errs.add(FieldError.invalid(CLUSTER_IPS.text(), new GoStrings(clusterIps),
              "'None' must be the first and only value"));
        }
        continue;
      }
      List<FieldError> ipErrs = IpAddresses.validateIp(CLUSTER_IPS.index(i), ip);
      invalidIps |= !ipErrs.isEmpty();
      errs.addAll(ipErrs);
    }
    if (clusterIps.size() > 2) {
      errs.add(FieldError.invalid(CLUSTER_IPS.text(), new GoStrings(clusterIps),
          "may only hold up to 2 values"));
    }
    if (invalidIps) {
      return errs;
    }
    if (clusterIps.size() > 1 && !IpAddresses.isDualStack(clusterIps)) {
      errs.add(FieldError.invalid(CLUSTER_IPS.text(), new GoStrings(clusterIps),
          "may specify no more than one IP for each IP family"));
    }
    if (!Services.isHeadless(spec)) {
      for (int i = 0; i < clusterIps.size() && i < families.size(); i++) {
        boolean v6 = IpAddresses.isV6(clusterIps.get(i));
        if (families.get(i).equals("IPv4") && v6) {
          errs.add(FieldError.invalid(CLUSTER_IPS.index(i).text(), clusterIps.get(i),
              "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`"));
        }
        if (families.get(i).equals("IPv6") && !v6) {
          errs.add(FieldError.invalid(CLUSTER_IPS.index(i).text(), clusterIps.get(i),
              "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`"));
        }
      }
    }
    return errs;
  }

  /** {@code validateUpgradeDowngradeClusterIPs} and {@code ...IPFamilies}. */
  static List<FieldError> update(JsonNode spec, JsonNode oldSpec) {
    List<FieldError> errs = new ArrayList<>();
    if (Services.type(spec).equals("ExternalName")
        || Services.type(oldSpec).equals("ExternalName")) {
      return errs;
    }
    boolean headless = Services.isHeadless(spec);
    boolean oldHeadless = Services.isHeadless(oldSpec);
    List<String> ips = Nodes.strings(spec, "clusterIPs");
    List<String> oldIps = Nodes.strings(oldSpec, "clusterIPs");
    if (!(headless && oldHeadless)) {
      errs.addAll(listChange(ips, oldIps, CLUSTER_IPS, spec, "clusterIP", new GoStrings(ips)));
    }
    if (headless == oldHeadless && !headless) {
      List<String> families = Nodes.strings(spec, "ipFamilies");
      List<String> oldFamilies = Nodes.strings(oldSpec, "ipFamilies");
      if (families.size() == oldFamilies.size()) {
        for (int i = 0; i < oldFamilies.size(); i++) {
          if (!oldFamilies.get(i).equals(families.get(i))) {
            errs.add(FieldError.invalid(FAMILIES.index(0).text(), families.toString(),
                MAY_NOT_CHANGE));
          }
        }
      } else if (oldFamilies.size() > families.size()) {
        if (ips.isEmpty()) {
          errs.add(FieldError.invalid(FAMILIES.index(0).text(), families.toString(),
              "primary ipFamily can not be unset"));
        }
        if (!families.isEmpty() && !families.getFirst().equals(oldFamilies.getFirst())) {
          errs.add(FieldError.invalid(FAMILIES.index(0).text(), ips.toString(), MAY_NOT_CHANGE));
        }
        if (families.size() == 1 && !Nodes.string(spec, "ipFamilyPolicy").equals("SingleStack")) {
          errs.add(FieldError.invalid(POLICY.text(), Nodes.string(spec, "ipFamilyPolicy"),
              "must be set to 'SingleStack' when releasing the secondary ipFamily"));
        }
      } else if (!oldFamilies.isEmpty() && !families.getFirst().equals(oldFamilies.getFirst())) {
        errs.add(FieldError.invalid(FAMILIES.index(0).text(), ips.toString(), MAY_NOT_CHANGE));
      }
    }
    return errs;
  }

  private static List<FieldError> listChange(List<String> now, List<String> old, FieldPath path,
      JsonNode spec, String noun, Object shown) {
    List<FieldError> errs = new ArrayList<>();
    if (now.size() == old.size()) {
      for (int i = 0; i < old.size(); i++) {
        if (!old.get(i).equals(now.get(i))) {
          errs.add(FieldError.invalid(path.index(i).text(), shown, MAY_NOT_CHANGE));
        }
      }
    } else if (old.size() > now.size()) {
      if (now.isEmpty()) {
        errs.add(FieldError.invalid(path.index(0).text(), shown,
            "primary " + noun + " can not be unset"));
      }
      if (!old.isEmpty() && !now.isEmpty() && !now.getFirst().equals(old.getFirst())) {
        errs.add(FieldError.invalid(path.index(0).text(), shown, MAY_NOT_CHANGE));
      }
      if (now.size() == 1 && !Nodes.string(spec, "ipFamilyPolicy").equals("SingleStack")) {
        errs.add(FieldError.invalid(POLICY.text(), Nodes.string(spec, "ipFamilyPolicy"),
            "must be set to 'SingleStack' when releasing the secondary " + noun));
      }
    } else if (!old.isEmpty() && !now.getFirst().equals(old.getFirst())) {
      errs.add(FieldError.invalid(path.index(0).text(), shown, MAY_NOT_CHANGE));
    }
    return errs;
  }
}
