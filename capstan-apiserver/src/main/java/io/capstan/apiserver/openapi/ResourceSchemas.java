package io.capstan.apiserver.openapi;

import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.schema.GroupVersionKind;
import io.capstan.apiserver.schema.LazyTypeSchemas;
import io.capstan.apiserver.schema.TypeSchemas;
import io.capstan.apiserver.schema.UpstreamFacts;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link TypeSchemas} of the resources a server serves: each kind and its list kind,
 * the Scale and Binding subresource types, and the meta types every group version uses
 * ({@code Status}, {@code DeleteOptions} and {@code WatchEvent}, the latter two registered in
 * every served group version, as Kubernetes does).
 */
public final class ResourceSchemas {

  static final String WATCH_EVENT = "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent";

  private ResourceSchemas() {}

  /**
   * The schemas of {@code types}, built on first use: what a server holds, shared by its
   * {@link OpenApi} and its {@link io.capstan.apiserver.schema.FieldValidation}.
   */
  public static LazyTypeSchemas lazy(Collection<ResourceType> types) {
    List<ResourceType> copy = List.copyOf(types);
    return new LazyTypeSchemas(() -> of(copy));
  }

  /** The schemas of {@code types}, with the bundled upstream descriptions. */
  public static TypeSchemas of(Collection<ResourceType> types) {
    return of(types, UpstreamFacts.bundled());
  }

  public static TypeSchemas of(Collection<ResourceType> types, UpstreamFacts facts) {
    TypeSchemas.Builder builder = TypeSchemas.builder(facts);
    var groupVersions = new LinkedHashSet<String>();
    groupVersions.add("/v1");
    for (ResourceType type : types) {
      groupVersions.add(type.group() + "/" + type.version());
      builder.addKind(type.modelClass(), kind(type, type.kind()));
      listClass(type.modelClass()).ifPresent(
          list -> builder.addKind(list, kind(type, type.kind() + "List")));
      if (type.hasSubresource("scale")) {
        builder.addScale();
      }
      if (type.hasSubresource("binding")) {
        builder.addKind(Binding.class, ResourceOperations.BINDING_KIND);
      }
      if (type.hasSubresource("eviction")) {
        builder.addKind(io.fabric8.kubernetes.api.model.policy.v1.Eviction.class,
            ResourceOperations.EVICTION_KIND);
      }
    }
    builder.addKind(Status.class, new GroupVersionKind("", "v1", "Status"));
    builder.addModel(DeleteOptions.class).addModel(WatchEvent.class);
    for (String gv : groupVersions) {
      String group = gv.substring(0, gv.indexOf('/'));
      String version = gv.substring(gv.indexOf('/') + 1);
      builder.addKind(ResourceOperations.DELETE_OPTIONS,
          new GroupVersionKind(group, version, "DeleteOptions"));
      builder.addKind(WATCH_EVENT, new GroupVersionKind(group, version, "WatchEvent"));
    }
    return builder.build();
  }

  /** fabric8's list class of a kind: {@code DeploymentList} beside {@code Deployment}. */
  static Optional<Class<?>> listClass(Class<?> modelClass) {
    try {
      return Optional.of(Class.forName(modelClass.getName() + "List", false,
          modelClass.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  private static GroupVersionKind kind(ResourceType type, String kind) {
    return new GroupVersionKind(type.group(), type.version(), kind);
  }
}
