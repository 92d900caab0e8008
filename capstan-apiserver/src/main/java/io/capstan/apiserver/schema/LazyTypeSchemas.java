package io.capstan.apiserver.schema;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link TypeSchemas} built on first use rather than at start-up: reading a few hundred model
 * classes by reflection costs a few hundred milliseconds in a cold JVM, which a server should not
 * spend before it answers its first request. Thread-safe; the schemas are built once.
 */
public final class LazyTypeSchemas implements Supplier<TypeSchemas> {

  private final Supplier<TypeSchemas> build;
  private volatile TypeSchemas built;

  public LazyTypeSchemas(Supplier<TypeSchemas> build) {
    this.build = Objects.requireNonNull(build, "build");
  }

  @Override
  public TypeSchemas get() {
    TypeSchemas result = built;
    if (result == null) {
      synchronized (this) {
        result = built;
        if (result == null) {
          result = Objects.requireNonNull(build.get(), "built schemas");
          built = result;
        }
      }
    }
    return result;
  }
}
