package io.capstan.apiserver.patch;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.capstan.apiserver.patch.PatchMeta.FieldMeta;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the fabric8 model says about a position in a JSON tree, the Java counterpart of Go's
 * reflection over struct tags in strategicpatch's PatchMetaFromStruct. A struct position knows its
 * fields (JSON names from {@code @JsonProperty}, types from the declared generics) and their
 * {@link PatchMeta}; a {@code Map<String, T>} position gives every key the type {@code T}; anything
 * else is opaque: its maps still merge, its lists are replaced.
 */
sealed interface PatchSchema {

  /** A field of the value at this position: where its value sits and how it merges. */
  FieldSchema field(String jsonName);

  /** The schema of the Java type {@code type} as the model declares it. */
  static PatchSchema of(Type type) {
    if (type instanceof Class<?> c) {
      if (c.isArray()) {
        return new ListOf(of(c.getComponentType()));
      }
      if (Collection.class.isAssignableFrom(c)) {
        return new ListOf(Opaque.INSTANCE);
      }
      if (c.isPrimitive() || c.isInterface() || c.getName().startsWith("java.")) {
        return Opaque.INSTANCE;
      }
      return new Struct(c);
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw) && args.length == 1) {
        return new ListOf(of(args[0]));
      }
      if (Map.class.isAssignableFrom(raw) && args.length == 2) {
        return new MapOf(of(args[1]));
      }
      return of(raw);
    }
    if (type instanceof GenericArrayType array) {
      return new ListOf(of(array.getGenericComponentType()));
    }
    if (type instanceof WildcardType wildcard && wildcard.getUpperBounds().length == 1) {
      return of(wildcard.getUpperBounds()[0]);
    }
    return Opaque.INSTANCE;
  }

  /**
   * A field's schema and patch metadata.
   *
   * @param schema where the field's value sits
   * @param meta its strategic-merge metadata, empty when it has none (maps merge, lists replace)
   */
  record FieldSchema(PatchSchema schema, Optional<FieldMeta> meta) {

    static final FieldSchema OPAQUE = new FieldSchema(Opaque.INSTANCE, Optional.empty());

    /** The schema of the field's value when the JSON holds an object there. */
    PatchSchema objectSchema() {
      return schema instanceof ListOf ? Opaque.INSTANCE : schema;
    }

    /** The schema of each element when the JSON holds an array there. */
    PatchSchema elementSchema() {
      return schema instanceof ListOf list ? list.elements() : Opaque.INSTANCE;
    }

    boolean merges() {
      return meta.map(FieldMeta::merge).orElse(false);
    }

    Optional<String> mergeKey() {
      return meta.flatMap(FieldMeta::mergeKey);
    }
  }

  /** A fabric8 model class. */
  record Struct(Class<?> type) implements PatchSchema {
    /** The model's JSON fields per class, computed once per class by the JDK. */
    private static final ClassValue<Map<String, Type>> JSON_FIELDS = new ClassValue<>() {
      @Override
      protected Map<String, Type> computeValue(Class<?> type) {
        Map<String, Type> fields = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
          for (Field field : c.getDeclaredFields()) {
            JsonProperty property = field.getAnnotation(JsonProperty.class);
            if (property == null || Modifier.isStatic(field.getModifiers())
                || field.isAnnotationPresent(JsonIgnore.class)) {
              continue;
            }
            String name = property.value().isEmpty() ? field.getName() : property.value();
            fields.putIfAbsent(name, field.getGenericType());
          }
        }
        return Map.copyOf(fields);
      }
    };

    @Override
    public FieldSchema field(String jsonName) {
      Type fieldType = JSON_FIELDS.get(type).get(jsonName);
      if (fieldType == null) {
        return FieldSchema.OPAQUE;
      }
      return new FieldSchema(of(fieldType), PatchMeta.of(type, jsonName));
    }
  }

  /** A {@code Map<String, T>}: every key holds a {@code T}, with no metadata of its own. */
  record MapOf(PatchSchema values) implements PatchSchema {
    @Override
    public FieldSchema field(String jsonName) {
      return new FieldSchema(values, Optional.empty());
    }
  }

  /** A {@code List<T>}. */
  record ListOf(PatchSchema elements) implements PatchSchema {
    @Override
    public FieldSchema field(String jsonName) {
      return FieldSchema.OPAQUE;
    }
  }

  /** A scalar, an unknown field or anything else the model does not describe. */
  enum Opaque implements PatchSchema {
    INSTANCE;

    @Override
    public FieldSchema field(String jsonName) {
      return FieldSchema.OPAQUE;
    }
  }
}
