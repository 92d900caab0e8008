package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code get}'s arguments ask for: one group of names per type, in the order given
 * ({@code TYPE[,TYPE...] [NAME...]}, or {@code TYPE/NAME...}), with categories such as
 * {@code all} expanded into their types. An empty name list means "every object".
 */
record GetRequest(List<Group> groups, boolean singleItem) {

  /** One type and the names asked for (empty for all of them). */
  record Group(ApiResource type, List<String> names) {}

  /**
   * Parses {@code args}; {@code category} expands a word that names no type (such as
   * {@code all}) into the types of that category, or gives an empty list.
   */
  static GetRequest parse(List<String> args, ResourceCatalog catalog,
      Function<String, List<ApiResource>> category) {
    if (args.isEmpty()) {
      throw new KubectlError("You must specify the type of resource to get. Use \""
          + "capstan kubectl api-resources\" for a complete list of supported resources.");
    }
    if (args.getFirst().contains("/")) {
      return parseSlashed(args, catalog);
    }
    List<String> names = List.copyOf(args.subList(1, args.size()));
    for (String name : names) {
      if (name.contains("/")) {
        throw new KubectlError("error: there is no need to specify a resource type as a separate "
            + "argument when passing arguments in resource/name form (e.g. 'capstan kubectl get "
            + "resource/<resource_name>' instead of 'capstan kubectl get resource "
            + "resource/<resource_name>'");
      }
    }
    List<Group> groups = new ArrayList<>();
    for (String typed : args.getFirst().split(",")) {
      if (typed.isEmpty()) {
        continue;
      }
      List<ApiResource> types = catalog.find(typed).map(List::of)
          .orElseGet(() -> category.apply(typed));
      if (types.isEmpty()) {
        catalog.resolve(typed);
      }
      types.forEach(t -> groups.add(new Group(t, names)));
    }
    return new GetRequest(List.copyOf(groups), groups.size() == 1 && names.size() == 1);
  }

  private static GetRequest parseSlashed(List<String> args, ResourceCatalog catalog) {
    Map<ApiResource, List<String>> byType = new LinkedHashMap<>();
    for (String arg : args) {
      int slash = arg.indexOf('/');
      if (slash <= 0 || slash == arg.length() - 1) {
        throw new KubectlError("error: arguments in resource/name form must have a single "
            + "resource and name");
      }
      byType.computeIfAbsent(catalog.resolve(arg.substring(0, slash)), t -> new ArrayList<>())
          .add(arg.substring(slash + 1));
    }
    List<Group> groups = new ArrayList<>();
    byType.forEach((type, names) -> groups.add(new Group(type, List.copyOf(names))));
    return new GetRequest(List.copyOf(groups), args.size() == 1);
  }

  /** Whether names carry their {@code kind.group/} prefix (several types are printed). */
  boolean showKind() {
    return groups.size() > 1;
  }

  /** Whether any names were given (else whole collections are listed). */
  boolean named() {
    return groups.stream().anyMatch(g -> !g.names().isEmpty());
  }
}
