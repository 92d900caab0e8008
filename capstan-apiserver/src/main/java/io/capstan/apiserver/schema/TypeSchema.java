package io.capstan.apiserver.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The shape of one value in a Kubernetes type, independent of how OpenAPI v2 or v3 spells it. A
 * definition's body is one of these, and so is each of its properties.
 *
 * <p>Every node carries a description (empty when unknown) and its OpenAPI vendor extensions
 * ({@code x-kubernetes-patch-merge-key}, ...) in the order they are published. Extension values
 * are plain Java values: {@link String}, {@link Boolean}, {@link List} and {@link Map} of those.
 */
public sealed interface TypeSchema {

  String description();

  Map<String, Object> extensions();

  /** A reference to a named definition, e.g. {@code io.k8s.api.core.v1.Container}. */
  record Ref(String definition, String description, Map<String, Object> extensions)
      implements TypeSchema {
    public Ref {
      Objects.requireNonNull(definition, "definition");
      extensions = frozen(extensions);
    }

    public Ref(String definition) {
      this(definition, "", Map.of());
    }
  }

  /**
   * A JSON scalar: {@code string}, {@code integer}, {@code number} or {@code boolean}, with an
   * optional {@code format} (empty when none). {@code v3OneOf} lists the alternative types OpenAPI
   * v3 publishes instead of {@code type} for the two Kubernetes types that accept more than one
   * ({@code IntOrString}: integer or string; {@code Quantity}: string or number).
   */
  record Scalar(String type, String format, List<String> v3OneOf, String description,
      Map<String, Object> extensions) implements TypeSchema {
    public Scalar {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(format, "format");
      v3OneOf = List.copyOf(v3OneOf);
      extensions = frozen(extensions);
    }

    public Scalar(String type, String format) {
      this(type, format, List.of(), "", Map.of());
    }
  }

  /** A JSON array whose elements all have the schema {@code items}. */
  record ArrayOf(TypeSchema items, String description, Map<String, Object> extensions)
      implements TypeSchema {
    public ArrayOf {
      Objects.requireNonNull(items, "items");
      extensions = frozen(extensions);
    }
  }

  /** A JSON object used as a map from arbitrary string keys to values of schema {@code values}. */
  record MapOf(TypeSchema values, String description, Map<String, Object> extensions)
      implements TypeSchema {
    public MapOf {
      Objects.requireNonNull(values, "values");
      extensions = frozen(extensions);
    }
  }

  /**
   * A JSON object whose content is not described ({@code FieldsV1}, {@code RawExtension}, the
   * PATCH body): any fields are accepted and preserved.
   */
  record FreeFormObject(String description, Map<String, Object> extensions)
      implements TypeSchema {
    public FreeFormObject {
      extensions = frozen(extensions);
    }
  }

  /**
   * A JSON object with named properties (a Go struct). {@code properties} keeps the order it is
   * given (the builder sorts names, as Kubernetes publishes them).
   */
  record ObjectType(SequencedMap<String, TypeSchema> properties, List<String> required,
      String description, Map<String, Object> extensions) implements TypeSchema {
    public ObjectType {
      properties = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(properties));
      required = List.copyOf(required);
      extensions = frozen(extensions);
    }
  }

  private static Map<String, Object> frozen(Map<String, Object> extensions) {
    return Collections.unmodifiableSequencedMap(new LinkedHashMap<>(extensions));
  }
}
