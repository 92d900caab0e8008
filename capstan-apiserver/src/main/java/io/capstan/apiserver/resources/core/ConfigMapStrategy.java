package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.Base64Values;
import io.capstan.apiserver.resources.validation.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ConfigMaps: key format, no key in both {@code data} and {@code binaryData}, at most 1 MiB of
 * values, and {@code immutable} (reference §8.1).
 */
public final class ConfigMapStrategy implements ResourceStrategy {

  /** {@code core.MaxSecretSize}, which ConfigMaps share. */
  public static final int MAX_SIZE = 1024 * 1024;

  static final String IMMUTABLE_SET = "field is immutable when `immutable` is set";

  @Override
  public List<FieldError> validate(ObjectNode configMap) {
    List<FieldError> errs = new ArrayList<>();
    Map<String, String> data = Nodes.stringMap(configMap, "data");
    Map<String, String> binary = Nodes.stringMap(configMap, "binaryData");
    long total = 0;
    for (Map.Entry<String, String> e : data.entrySet()) {
      FieldPath path = FieldPath.of("data").key(e.getKey());
      for (String msg : Names.configMapKey(e.getKey())) {
        errs.add(FieldError.invalid(path.text(), e.getKey(), msg));
      }
      if (binary.containsKey(e.getKey())) {
        errs.add(FieldError.invalid(path.text(), e.getKey(),
            "duplicate of key present in binaryData"));
      }
      total += e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    for (Map.Entry<String, String> e : binary.entrySet()) {
      FieldPath path = FieldPath.of("binaryData").key(e.getKey());
      for (String msg : Names.configMapKey(e.getKey())) {
        errs.add(FieldError.invalid(path.text(), e.getKey(), msg));
      }
      Optional<byte[]> bytes = Base64Values.decode(e.getValue());
      if (bytes.isEmpty()) {
        errs.add(FieldError.invalid(path.text(), e.getValue(),
            Base64Values.errorMessage(e.getValue())));
      } else {
        total += bytes.get().length;
      }
    }
    if (total > MAX_SIZE) {
      errs.add(FieldError.tooLong("", FieldError.OMIT, MAX_SIZE, "bytes"));
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode configMap, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>(immutableData(configMap, old, "data", "binaryData"));
    errs.addAll(validate(configMap));
    return errs;
  }

  /** Once {@code immutable: true}, the flag and the given data fields may not change. */
  static List<FieldError> immutableData(JsonNode now, JsonNode old, String... fields) {
    List<FieldError> errs = new ArrayList<>();
    if (!Nodes.bool(old, "immutable")) {
      return errs;
    }
    if (!Nodes.bool(now, "immutable")) {
      errs.add(FieldError.forbidden("immutable", IMMUTABLE_SET));
    }
    for (String field : fields) {
      if (!Nodes.semanticEquals(now.get(field), old.get(field))) {
        errs.add(FieldError.forbidden(field, IMMUTABLE_SET));
      }
    }
    return errs;
  }
}
