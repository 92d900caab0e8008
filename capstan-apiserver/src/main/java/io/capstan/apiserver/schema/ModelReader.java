package io.capstan.apiserver.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.capstan.apiserver.patch.PatchMeta;
import io.capstan.apiserver.schema.TypeSchema.ArrayOf;
import io.capstan.apiserver.schema.TypeSchema.FreeFormObject;
import io.capstan.apiserver.schema.TypeSchema.MapOf;
import io.capstan.apiserver.schema.TypeSchema.ObjectType;
import io.capstan.apiserver.schema.TypeSchema.Ref;
import io.capstan.apiserver.schema.TypeSchema.Scalar;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads fabric8 model classes by reflection into definitions: one per class reachable from the
 * classes it is asked for. Property names come from Jackson's {@code @JsonProperty}; types from
 * the fields' generic types; what reflection cannot see (descriptions, required fields,
 * timestamps kept as strings) from {@link UpstreamFacts}; merge keys from {@link PatchMeta}.
 */
final class ModelReader {

  private static final Map<String, String> SPECIAL_CLASSES = Map.of(
      "io.fabric8.kubernetes.api.model.IntOrString", WellKnownTypes.INT_OR_STRING,
      "io.fabric8.kubernetes.api.model.Quantity", WellKnownTypes.QUANTITY,
      "io.fabric8.kubernetes.api.model.MicroTime", WellKnownTypes.MICRO_TIME,
      "io.fabric8.kubernetes.api.model.FieldsV1", WellKnownTypes.FIELDS_V1,
      "io.fabric8.kubernetes.api.model.Duration", WellKnownTypes.DURATION,
      "io.fabric8.kubernetes.api.model.runtime.RawExtension", WellKnownTypes.RAW_EXTENSION,
      // fabric8 types Lease's MicroTime fields as java.time.ZonedDateTime.
      "java.time.ZonedDateTime", WellKnownTypes.MICRO_TIME,
      "java.time.OffsetDateTime", WellKnownTypes.TIME,
      "java.time.Instant", WellKnownTypes.TIME);

  private final UpstreamFacts facts;
  private final Deque<Class<?>> pending = new ArrayDeque<>();

  ModelReader(UpstreamFacts facts) {
    this.facts = facts;
  }

  /**
   * Reads {@code root} and every model class it reaches that {@code definitions} does not hold
   * yet, adding their definitions. Returns the root's definition name.
   */
  String read(Class<?> root, Map<String, Definition> definitions) {
    String rootName = referenceTo(root);
    while (!pending.isEmpty()) {
      Class<?> type = pending.poll();
      String name = DefinitionNames.of(type);
      if (definitions.containsKey(name) || SPECIAL_CLASSES.containsKey(type.getName())) {
        continue;
      }
      definitions.put(name, new Definition(name, objectType(type, name), List.of()));
    }
    return rootName;
  }

  private ObjectType objectType(Class<?> type, String name) {
    var properties = new TreeMap<String, TypeSchema>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        if (Modifier.isStatic(field.getModifiers()) || property == null
            || field.isAnnotationPresent(JsonIgnore.class)) {
          continue;
        }
        String json = property.value().isEmpty() ? field.getName() : property.value();
        properties.putIfAbsent(json, propertySchema(type, name, json, field.getGenericType()));
      }
    }
    UpstreamFacts.TypeFacts typeFacts = facts.of(name);
    List<String> required = typeFacts.required().stream()
        .filter(properties::containsKey).toList();
    return new ObjectType(new LinkedHashMap<>(properties), required,
        typeFacts.description(), Map.of());
  }

  private TypeSchema propertySchema(Class<?> owner, String ownerName, String json, Type type) {
    var field = facts.field(ownerName, json);
    String format = field.map(UpstreamFacts.FieldFacts::format).orElse("");
    TypeSchema bare = schemaOf(type, format);
    String description = field.map(UpstreamFacts.FieldFacts::description)
        .filter(d -> !d.isEmpty())
        .orElseGet(() -> StandardDescriptions.of(owner, json, bare));
    Map<String, Object> extensions = PatchMeta.of(owner, json)
        .map(meta -> ListSemantics.extensions(owner.getSimpleName(), json, meta))
        .orElse(Map.of());
    return describe(bare, description, extensions);
  }

  private TypeSchema schemaOf(Type type, String format) {
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        return new ArrayOf(schemaOf(args[0], format), "", Map.of());
      }
      if (Map.class.isAssignableFrom(raw)) {
        return args[1] == Object.class
            ? new FreeFormObject("", Map.of())
            : new MapOf(schemaOf(args[1], format), "", Map.of());
      }
      return schemaOf(raw, format);
    }
    if (!(type instanceof Class<?> c)) {
      return new FreeFormObject("", Map.of());
    }
    if (c == String.class) {
      return switch (format) {
        case "date-time" -> new Ref(WellKnownTypes.TIME);
        case "byte" -> new Scalar("string", "byte");
        default -> new Scalar("string", "");
      };
    }
    if (c == Integer.class || c == int.class || c == Short.class || c == short.class) {
      return new Scalar("integer", "int32");
    }
    if (c == Long.class || c == long.class) {
      return new Scalar("integer", "int64");
    }
    if (c == Boolean.class || c == boolean.class) {
      return new Scalar("boolean", "");
    }
    if (c == Double.class || c == double.class) {
      return new Scalar("number", "double");
    }
    if (c == Float.class || c == float.class) {
      return new Scalar("number", "float");
    }
    if (c == byte[].class) {
      return new Scalar("string", "byte");
    }
    String special = SPECIAL_CLASSES.get(c.getName());
    if (special != null) {
      return new Ref(special);
    }
    if (c.isInterface() || c == Object.class || !c.getName().startsWith("io.fabric8.")) {
      // KubernetesResource in WatchEvent and friends: any embedded object.
      return new Ref(WellKnownTypes.RAW_EXTENSION);
    }
    return new Ref(referenceTo(c));
  }

  private String referenceTo(Class<?> c) {
    pending.add(c);
    return DefinitionNames.of(c);
  }

  private static TypeSchema describe(TypeSchema bare, String description,
      Map<String, Object> extensions) {
    return switch (bare) {
      case Ref r -> new Ref(r.definition(), description, extensions);
      case Scalar s -> new Scalar(s.type(), s.format(), s.v3OneOf(), description, extensions);
      case ArrayOf a -> new ArrayOf(a.items(), description, extensions);
      case MapOf m -> new MapOf(m.values(), description, extensions);
      case FreeFormObject f -> new FreeFormObject(description, extensions);
      case ObjectType o -> new ObjectType(o.properties(), o.required(), description, extensions);
    };
  }
}
