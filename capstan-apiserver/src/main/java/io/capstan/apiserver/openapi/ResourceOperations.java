package io.capstan.apiserver.openapi;

import io.capstan.apiserver.openapi.ApiOperation.Body;
import io.capstan.apiserver.openapi.ApiOperation.Parameter;
import io.capstan.apiserver.openapi.ApiOperation.Response;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.schema.GroupVersionKind;
import io.capstan.apiserver.schema.WellKnownTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The operations Kubernetes publishes for one resource: list, create and delete-collection on the
 * collection; get, replace, patch and delete on an object; the all-namespaces list of a
 * namespaced resource; and the {@code status}, {@code scale} and {@code binding} subresources.
 * Operation ids follow Kubernetes' scheme, e.g. {@code listAppsV1NamespacedDeployment},
 * {@code deleteCoreV1CollectionNamespacedPod}, {@code patchAppsV1NamespacedDeploymentScale}.
 */
final class ResourceOperations {

  static final String STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
  static final String DELETE_OPTIONS = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";
  static final String BINDING = "io.k8s.api.core.v1.Binding";
  static final GroupVersionKind BINDING_KIND = new GroupVersionKind("", "v1", "Binding");
  static final String EVICTION = "io.k8s.api.policy.v1.Eviction";
  static final GroupVersionKind EVICTION_KIND = new GroupVersionKind("policy", "v1", "Eviction");

  static final List<String> PATCH_TYPES = List.of("application/json-patch+json",
      "application/merge-patch+json", "application/strategic-merge-patch+json",
      "application/apply-patch+yaml");
  private static final List<String> PRODUCES = List.of("application/json", "application/yaml");
  private static final List<String> PRODUCES_LIST = List.of("application/json",
      "application/yaml", "application/json;stream=watch");
  private static final List<String> ANY = List.of("*/*");

  private final ResourceType type;
  private final String kindDefinition;
  private final Optional<String> listDefinition;
  private final GroupVersionKind kind;
  private final String groupVersion;
  private final String tag;

  private ResourceOperations(ResourceType type, String kindDefinition,
      Optional<String> listDefinition) {
    this.type = type;
    this.kindDefinition = kindDefinition;
    this.listDefinition = listDefinition;
    this.kind = new GroupVersionKind(type.group(), type.version(), type.kind());
    String group = groupName(type.group());
    this.groupVersion = group + capitalize(type.version());
    this.tag = Character.toLowerCase(group.charAt(0)) + group.substring(1) + "_"
        + type.version();
  }

  /**
   * The operations of {@code type}, whose kind and list kind have the given definitions. A kind
   * without a list kind (fabric8 has none for create-only kinds) gets no list operations.
   */
  static List<ApiOperation> of(ResourceType type, String kindDefinition,
      Optional<String> listDefinition) {
    return new ResourceOperations(type, kindDefinition, listDefinition).operations();
  }

  /** {@code /api/v1} or {@code /apis/apps/v1}. */
  static String prefix(String group, String version) {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  /**
   * Kubernetes' friendly group name: {@code Core}, {@code Apps}, {@code Coordination} for
   * {@code coordination.k8s.io}, {@code RbacAuthorization} for
   * {@code rbac.authorization.k8s.io}.
   */
  static String groupName(String group) {
    if (group.isEmpty()) {
      return "Core";
    }
    var name = new StringBuilder();
    for (String part : group.replaceFirst("\\.k8s\\.io$", "").split("[.-]")) {
      name.append(capitalize(part));
    }
    return name.toString();
  }

  private List<ApiOperation> operations() {
    String prefix = prefix(type.group(), type.version());
    String scope = type.namespaced() ? "Namespaced" : "";
    String collection = prefix + (type.namespaced() ? "/namespaces/{namespace}/" : "/")
        + type.plural();
    String item = collection + "/{name}";
    String k = type.kind();
    var ops = new ArrayList<ApiOperation>();

    List<Parameter> inCollection = type.namespaced()
        ? List.of(Parameters.namespace(), Parameters.PRETTY) : List.of(Parameters.PRETTY);
    List<Parameter> inItem = Stream.concat(Stream.of(Parameters.name(k)), inCollection.stream())
        .toList();

    listDefinition.ifPresent(list -> ops.add(op(collection, "get",
        "list" + groupVersion + scope + k, "list", kind, "list or watch objects of kind " + k,
        params(inCollection, Parameters.LIST), Optional.empty(), PRODUCES_LIST,
        responses(list, "200"))));
    ops.add(op(collection, "post", "create" + groupVersion + scope + k, "post", kind,
        "create a " + k, params(inCollection, Parameters.WRITE),
        Optional.of(new Body(kindDefinition, true)), PRODUCES,
        responses(kindDefinition, "200", "201", "202")));
    if (listDefinition.isPresent()) {
      ops.add(op(collection, "delete", "delete" + groupVersion + "Collection" + scope + k,
          "deletecollection", kind, "delete collection of " + k,
          params(inCollection, Parameters.deleteCollection()),
          Optional.of(new Body(DELETE_OPTIONS, false)), PRODUCES, responses(STATUS, "200")));
    }
    if (type.namespaced() && listDefinition.isPresent()) {
      ops.add(op(prefix + "/" + type.plural(), "get",
          "list" + groupVersion + k + "ForAllNamespaces", "list", kind,
          "list or watch objects of kind " + k, params(List.of(Parameters.PRETTY),
              Parameters.LIST), Optional.empty(), PRODUCES_LIST,
          responses(listDefinition.get(), "200")));
    }
    String named = groupVersion + scope + k;
    ops.addAll(readWrite(item, named, "", kind, kindDefinition, inItem, true));
    if (type.hasSubresource("status")) {
      ops.addAll(readWrite(item + "/status", named + "Status", "status of ", kind, kindDefinition,
          inItem, false));
    }
    if (type.hasSubresource("scale")) {
      ops.addAll(readWrite(item + "/scale", named + "Scale", "scale of ",
          WellKnownTypes.SCALE_KIND, WellKnownTypes.SCALE, inItem, false));
    }
    if (type.hasSubresource("binding")) {
      List<Parameter> bindingParams = Stream.concat(Stream.of(new Parameter("name", "path",
          "string", true, "name of the Binding")), inCollection.stream()).toList();
      ops.add(op(item + "/binding", "post", "create" + named + "Binding", "post",
          BINDING_KIND, "create binding of a " + k, params(bindingParams, Parameters.WRITE),
          Optional.of(new Body(BINDING, true)), PRODUCES,
          responses(BINDING, "200", "201", "202")));
    }
    if (type.hasSubresource("eviction")) {
      List<Parameter> evictionParams = Stream.concat(Stream.of(new Parameter("name", "path",
          "string", true, "name of the Eviction")), inCollection.stream()).toList();
      ops.add(op(item + "/eviction", "post", "create" + named + "Eviction", "post",
          EVICTION_KIND, "create eviction of a " + k, params(evictionParams, Parameters.WRITE),
          Optional.of(new Body(EVICTION, true)), PRODUCES,
          responses(EVICTION, "200", "201", "202")));
    }
    return ops;
  }

  /** get, put, patch (and, for the object itself, delete) on one path. */
  private List<ApiOperation> readWrite(String path, String named, String what,
      GroupVersionKind opKind, String definition, List<Parameter> inPath, boolean delete) {
    String k = type.kind();
    var ops = new ArrayList<ApiOperation>();
    ops.add(op(path, "get", "read" + named, "get", opKind, "read " + what + "the specified " + k,
        inPath, Optional.empty(), PRODUCES, responses(definition, "200")));
    ops.add(op(path, "put", "replace" + named, "put", opKind,
        "replace " + what + "the specified " + k, params(inPath, Parameters.WRITE),
        Optional.of(new Body(definition, true)), PRODUCES, responses(definition, "200", "201")));
    if (delete) {
      ops.add(op(path, "delete", "delete" + named, "delete", opKind, "delete a " + k,
          params(inPath, Parameters.DELETE), Optional.of(new Body(DELETE_OPTIONS, false)),
          PRODUCES, responses(STATUS, "200", "202")));
    }
    ops.add(op(path, "patch", "patch" + named, "patch", opKind,
        "partially update " + what + "the specified " + k, params(inPath, Parameters.PATCH),
        Optional.of(new Body(WellKnownTypes.PATCH, true)), PRODUCES,
        responses(definition, "200", "201")));
    return ops;
  }

  private ApiOperation op(String path, String method, String id, String action,
      GroupVersionKind opKind, String description, List<Parameter> parameters,
      Optional<Body> body, List<String> produces,
      LinkedHashMap<String, Response> responses) {
    List<String> consumes = body.isEmpty() ? List.of()
        : method.equals("patch") ? PATCH_TYPES : ANY;
    return new ApiOperation(path, method, id, action, opKind, tag, description, parameters, body,
        consumes, produces, responses);
  }

  private static List<Parameter> params(List<Parameter> first, List<Parameter> then) {
    return Stream.concat(first.stream(), then.stream()).toList();
  }

  private static LinkedHashMap<String, Response> responses(String definition, String... codes) {
    var responses = new LinkedHashMap<String, Response>();
    for (String code : codes) {
      responses.put(code, new Response(switch (code) {
        case "201" -> "Created";
        case "202" -> "Accepted";
        default -> "OK";
      }, Optional.of(definition)));
    }
    responses.put("401", new Response("Unauthorized", Optional.empty()));
    return responses;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
