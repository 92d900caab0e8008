package io.capstan.apiserver.schema;

import io.capstan.apiserver.schema.TypeSchema.ArrayOf;
import io.capstan.apiserver.schema.TypeSchema.FreeFormObject;
import io.capstan.apiserver.schema.TypeSchema.MapOf;
import io.capstan.apiserver.schema.TypeSchema.ObjectType;
import io.capstan.apiserver.schema.TypeSchema.Ref;
import io.capstan.apiserver.schema.TypeSchema.Scalar;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.TreeMap;

/**
 * The schemas of every type the server serves, by Kubernetes definition name: the fabric8 model
 * classes of its kinds and everything they reach, plus the {@link WellKnownTypes}. Built once per
 * server and immutable afterwards; the OpenAPI documents and field validation read it.
 */
public final class TypeSchemas {

  private final Map<String, Definition> definitions;
  private final Map<Class<?>, String> namesByClass;

  private TypeSchemas(Map<String, Definition> definitions, Map<Class<?>, String> namesByClass) {
    this.definitions = Collections.unmodifiableSortedMap(new TreeMap<>(definitions));
    this.namesByClass = Map.copyOf(namesByClass);
  }

  /** A builder that merges in the bundled {@link UpstreamFacts}. */
  public static Builder builder() {
    return new Builder(UpstreamFacts.bundled());
  }

  public static Builder builder(UpstreamFacts facts) {
    return new Builder(facts);
  }

  /** All definitions, sorted by name. */
  public Map<String, Definition> definitions() {
    return definitions;
  }

  public Optional<Definition> definition(String name) {
    return Optional.ofNullable(definitions.get(name));
  }

  /** The definition name of a model class given to the builder (a kind, or a class it added). */
  public Optional<String> definitionName(Class<?> modelClass) {
    return Optional.ofNullable(namesByClass.get(modelClass));
  }

  /** The definition of a model class given to the builder. */
  public Optional<Definition> definitionOf(Class<?> modelClass) {
    return definitionName(modelClass).map(definitions::get);
  }

  /** The names of {@code roots} and of every definition they reference, directly or not. */
  public SequencedSet<String> reachableFrom(Collection<String> roots) {
    var seen = new LinkedHashSet<String>();
    var work = new ArrayDeque<>(roots);
    while (!work.isEmpty()) {
      String name = work.poll();
      Definition d = definitions.get(name);
      if (d != null && seen.add(name)) {
        collectReferences(d.schema(), work);
      }
    }
    return seen;
  }

  private static void collectReferences(TypeSchema schema, Collection<String> into) {
    switch (schema) {
      case Ref r -> into.add(r.definition());
      case ArrayOf a -> collectReferences(a.items(), into);
      case MapOf m -> collectReferences(m.values(), into);
      case ObjectType o -> o.properties().values().forEach(p -> collectReferences(p, into));
      case Scalar s -> { }
      case FreeFormObject f -> { }
    }
  }

  /** Collects kinds and model classes; not thread-safe, used once while the server starts. */
  public static final class Builder {
    private final ModelReader reader;
    private final Map<String, Definition> definitions = new HashMap<>();
    private final Map<Class<?>, String> namesByClass = new HashMap<>();

    private Builder(UpstreamFacts facts) {
      this.reader = new ModelReader(facts);
      definitions.putAll(WellKnownTypes.scalars());
    }

    /** Adds a model class and everything it reaches, without a kind. */
    public Builder addModel(Class<?> modelClass) {
      namesByClass.computeIfAbsent(modelClass, c -> reader.read(c, definitions));
      return this;
    }

    /** Adds a kind's model class and records its group-version-kind on its definition. */
    public Builder addKind(Class<?> modelClass, GroupVersionKind kind) {
      addModel(modelClass);
      return addKind(namesByClass.get(modelClass), kind);
    }

    /** Records a group-version-kind on a definition already present. */
    public Builder addKind(String definition, GroupVersionKind kind) {
      Definition d = definitions.get(definition);
      Objects.requireNonNull(d, () -> "no definition " + definition);
      definitions.put(definition, d.withKind(kind));
      return this;
    }

    /** Adds the {@code autoscaling/v1} Scale types, for resources with a scale subresource. */
    public Builder addScale() {
      WellKnownTypes.scale().forEach(definitions::putIfAbsent);
      return this;
    }

    public TypeSchemas build() {
      return new TypeSchemas(definitions, namesByClass);
    }
  }
}
