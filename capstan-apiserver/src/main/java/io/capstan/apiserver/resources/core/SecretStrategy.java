package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.Base64Values;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secrets: {@code stringData} is merged into {@code data} (base64) and dropped, as the v1
 * conversion does, before anything else looks at the object; then keys, size, type rules and
 * {@code immutable}.
 */
public final class SecretStrategy implements ResourceStrategy {

  static final String REDACTED = "<secret contents redacted>";
  private static final FieldPath DATA = FieldPath.of("data");

  @Override
  public void applyDefaults(ObjectNode secret) {
    mergeStringData(secret);
    if (Nodes.string(secret, "type").isEmpty()) {
      secret.put("type", "Opaque");
    }
  }

  @Override
  public void prepareForCreate(ObjectNode secret) {
    mergeStringData(secret);
  }

  @Override
  public void prepareForUpdate(ObjectNode secret, ObjectNode old) {
    mergeStringData(secret);
    Metadata.keepGeneration(secret, old);
  }

  /** {@code stringData} values overwrite {@code data} entries of the same key. */
  static void mergeStringData(ObjectNode secret) {
    Map<String, String> stringData = Nodes.stringMap(secret, "stringData");
    if (!stringData.isEmpty()) {
      ObjectNode data = Nodes.ensureObject(secret, "data");
      stringData.forEach((k, v) ->
          data.put(k, Base64Values.encode(v.getBytes(StandardCharsets.UTF_8))));
    }
    secret.remove("stringData");
  }

  @Override
  public List<FieldError> validate(ObjectNode secret) {
    List<FieldError> errs = new ArrayList<>();
    Map<String, byte[]> data = new TreeMap<>();
    long total = 0;
    for (Map.Entry<String, String> e : Nodes.stringMap(secret, "data").entrySet()) {
      FieldPath path = DATA.key(e.getKey());
      for (String msg : Names.configMapKey(e.getKey())) {
        errs.add(FieldError.invalid(path.text(), e.getKey(), msg));
      }
      Optional<byte[]> bytes = Base64Values.decode(e.getValue());
      if (bytes.isEmpty()) {
        errs.add(FieldError.invalid(path.text(), REDACTED, Base64Values.errorMessage(e.getValue())));
        continue;
      }
      data.put(e.getKey(), bytes.get());
      total += bytes.get().length;
    }
    if (total > ConfigMapStrategy.MAX_SIZE) {
      errs.add(FieldError.tooLong(DATA.text(), FieldError.OMIT, ConfigMapStrategy.MAX_SIZE,
          "bytes"));
    }
    errs.addAll(typeRules(secret, data));
    return errs;
  }

  private static List<FieldError> typeRules(ObjectNode secret, Map<String, byte[]> data) {
    List<FieldError> errs = new ArrayList<>();
    switch (Nodes.string(secret, "type")) {
      case "kubernetes.io/service-account-token" -> {
        String key = "kubernetes.io/service-account.name";
        if (Metadata.annotations(secret).getOrDefault(key, "").isEmpty()) {
          errs.add(FieldError.required(FieldPath.of("metadata", "annotations").key(key).text(),
              ""));
        }
      }
      case "kubernetes.io/dockercfg" -> errs.addAll(jsonKey(data, ".dockercfg"));
      case "kubernetes.io/dockerconfigjson" -> errs.addAll(jsonKey(data, ".dockerconfigjson"));
      case "kubernetes.io/basic-auth" -> {
        if (!data.containsKey("username") && !data.containsKey("password")) {
          errs.add(FieldError.required(DATA.key("username").text(), ""));
          errs.add(FieldError.required(DATA.key("password").text(), ""));
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        byte[] key = data.get("ssh-privatekey");
        if (key == null || key.length == 0) {
          errs.add(FieldError.required(DATA.key("ssh-privatekey").text(), ""));
        }
      }
      case "kubernetes.io/tls" -> {
        for (String key : new String[] {"tls.crt", "tls.key"}) {
          if (!data.containsKey(key)) {
            errs.add(FieldError.required(DATA.key(key).text(), ""));
          }
        }
      }
      default -> { }
    }
    return errs;
  }

  private static List<FieldError> jsonKey(Map<String, byte[]> data, String key) {
    byte[] bytes = data.get(key);
    if (bytes == null) {
      return List.of(FieldError.required(DATA.key(key).text(), ""));
    }
    try {
      if (!Json.MAPPER.readTree(bytes).isObject()) {
        return List.of(FieldError.invalid(DATA.key(key).text(), REDACTED,
            "json: cannot unmarshal into Go value of type map[string]interface {}"));
      }
      return List.of();
    } catch (JacksonException e) {
      return List.of(FieldError.invalid(DATA.key(key).text(), REDACTED, e.getOriginalMessage()));
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode secret, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>(CommonRules.immutable(secret.get("type"),
        old.get("type"), FieldPath.of("type")));
    errs.addAll(ConfigMapStrategy.immutableData(secret, old, "data"));
    errs.addAll(validate(secret));
    return errs;
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode secret) {
    return Map.of("type", Nodes.string(secret, "type"));
  }
}
