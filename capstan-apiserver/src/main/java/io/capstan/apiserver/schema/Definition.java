package io.capstan.apiserver.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One named type of the API, e.g. {@code io.k8s.api.apps.v1.Deployment}.
 *
 * @param name the Kubernetes definition name
 * @param schema the type's body: an {@link TypeSchema.ObjectType} for structs, a
 *     {@link TypeSchema.Scalar} for string-encoded types such as {@code Time}, a
 *     {@link TypeSchema.FreeFormObject} for undescribed objects
 * @param kinds the group-version-kinds this definition is the body of (top-level kinds only)
 */
public record Definition(String name, TypeSchema schema, List<GroupVersionKind> kinds) {

  public Definition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
    kinds = List.copyOf(kinds);
  }

  Definition withKind(GroupVersionKind kind) {
    if (kinds.contains(kind)) {
      return this;
    }
    var all = new ArrayList<>(kinds);
    all.add(kind);
    return new Definition(name, schema, all);
  }
}
