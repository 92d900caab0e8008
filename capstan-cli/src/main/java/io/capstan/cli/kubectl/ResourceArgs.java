package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;

/**
 * The positional arguments with which kubectl names objects: {@code TYPE NAME...},
 * {@code TYPE/NAME...}, or {@code TYPE[,TYPE...]} alone (for a selector or {@code --all}).
 */
record ResourceArgs(List<ApiResource> types, List<ObjectRef> named) {

  static ResourceArgs parse(List<String> args, ResourceCatalog catalog, String namespace) {
    if (args.isEmpty()) {
      return new ResourceArgs(List.of(), List.of());
    }
    List<ObjectRef> named = new ArrayList<>();
    if (args.getFirst().contains("/")) {
      for (String arg : args) {
        int slash = arg.indexOf('/');
        if (slash <= 0 || slash == arg.length() - 1) {
          throw new KubectlError("error: arguments in resource/name form must have a single "
              + "resource and name");
        }
        named.add(new ObjectRef(catalog.resolve(arg.substring(0, slash)), namespace,
            arg.substring(slash + 1)));
      }
      return new ResourceArgs(List.of(), List.copyOf(named));
    }
    List<ApiResource> types = new ArrayList<>();
    for (String typed : args.getFirst().split(",")) {
      if (!typed.isEmpty()) {
        types.add(catalog.resolve(typed));
      }
    }
    for (String name : args.subList(1, args.size())) {
      if (name.contains("/")) {
        throw new KubectlError("error: there is no need to specify a resource type as a separate "
            + "argument when passing arguments in resource/name form (e.g. 'capstan kubectl get "
            + "resource/<resource_name>' instead of 'capstan kubectl get resource "
            + "resource/<resource_name>'");
      }
      for (ApiResource type : types) {
        named.add(new ObjectRef(type, namespace, name));
      }
    }
    return new ResourceArgs(List.copyOf(types), List.copyOf(named));
  }

  /** Whether only types were given (a selector or {@code --all} picks the objects). */
  boolean typesOnly() {
    return named.isEmpty() && !types.isEmpty();
  }
}
