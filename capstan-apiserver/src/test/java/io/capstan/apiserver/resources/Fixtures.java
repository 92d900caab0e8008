package io.capstan.apiserver.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Test objects from YAML and the registry's call order, for strategy tests. */
public final class Fixtures {

  private Fixtures() {}

  public static ObjectNode yaml(String text) {
    return (ObjectNode) Json.YAML.readTree(text);
  }

  /** The registry's create order: prepare, default, validate (metadata included). */
  public static List<FieldError> create(String group, String kind, boolean namespaced,
      ObjectNode object) {
    ResourceStrategy strategy = Strategies.mainFor(group, kind);
    strategy.prepareForCreate(object);
    strategy.applyDefaults(object);
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidator.validateCreate(
        (ObjectNode) object.get("metadata"), namespaced, Strategies.nameRuleFor(group, kind)));
    errs.addAll(strategy.validate(object));
    return errs;
  }

  /** The registry's update order, for the main resource or a subresource strategy. */
  public static List<FieldError> update(ResourceStrategy strategy, ObjectNode object,
      ObjectNode old) {
    strategy.prepareForUpdate(object, old);
    strategy.applyDefaults(object);
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidator.validateUpdate(
        (ObjectNode) object.get("metadata"), (ObjectNode) old.get("metadata")));
    errs.addAll(strategy.validateUpdate(object, old));
    return errs;
  }

  /** Asserts exactly one error on {@code field} of {@code type}, whose detail contains a text. */
  public static FieldError assertOneError(List<FieldError> errs, String field,
      FieldError.Type type, String detail) {
    List<FieldError> matching = errs.stream()
        .filter(e -> e.field().equals(field) && e.type() == type)
        .toList();
    assertThat(matching).as("errors on %s of type %s in %s", field, type, messages(errs))
        .hasSize(1);
    assertThat(matching.getFirst().detail()).contains(detail);
    return matching.getFirst();
  }

  public static List<String> messages(List<FieldError> errs) {
    return errs.stream().map(FieldError::message).toList();
  }
}
