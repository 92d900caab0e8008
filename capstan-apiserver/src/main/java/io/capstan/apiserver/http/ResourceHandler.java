package io.capstan.apiserver.http;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.patch.PatchType;
import io.capstan.apiserver.protobuf.ProtobufBodies;
import io.capstan.apiserver.registry.DeleteResult;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.ListOptions;
import io.capstan.apiserver.registry.ListPage;
import io.capstan.apiserver.registry.Lister;
import io.capstan.apiserver.registry.ResourceCatalog;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.registry.WriteOptions;
import io.capstan.apiserver.registry.WriteResult;
import io.capstan.apiserver.schema.FieldProblems;
import io.capstan.apiserver.schema.FieldValidation;
import io.capstan.apiserver.schema.FieldValidationDirective;
import io.capstan.apiserver.schema.GroupVersionKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves {@code /api/v1/...} and {@code /apis/{group}/{version}/...}: maps the HTTP verb and path
 * to a registry operation and the result to a response in the representation the client wants.
 */
final class ResourceHandler {

  private final ResourceCatalog catalog;
  private final Map<ResourceType, GenericRegistry> registries;
  private final Lister lister;
  private final WatchHandler watches;
  private final SubresourceHandler subresources;
  private final FieldValidation fieldValidation;
  private final Representations representations;

  ResourceHandler(ResourceCatalog catalog, Map<ResourceType, GenericRegistry> registries,
      Lister lister, WatchHandler watches, SubresourceHandler subresources,
      FieldValidation fieldValidation, Representations representations) {
    this.catalog = catalog;
    this.registries = registries;
    this.lister = lister;
    this.watches = watches;
    this.subresources = subresources;
    this.fieldValidation = fieldValidation;
    this.representations = representations;
  }

  void handle(Exchange exchange, RequestPath path) throws InterruptedException {
    ResourceType type = catalog.find(path.group(), path.version(), path.resource())
        .orElseThrow(ApiException::notFoundPath);
    if (!type.namespaced() && !path.namespace().isEmpty()) {
      throw ApiException.notFoundPath();
    }
    if (type.namespaced() && path.namespace().isEmpty()) {
      // The all-namespaces path of a namespaced resource only lists and watches.
      if (path.hasName()) {
        throw ApiException.notFoundPath();
      }
      if (!exchange.method().equals("GET")) {
        throw ApiException.methodNotAllowed("the server does not allow this method on the "
            + "requested resource");
      }
    }
    if (!path.subresource().isEmpty() && !type.hasSubresource(path.subresource())) {
      throw ApiException.notFoundPath();
    }
    GenericRegistry registry = registries.get(type);
    ResponseFormat format = ResponseFormat.negotiate(exchange.header("Accept").orElse(null));
    String method = exchange.method();
    if (!path.subresource().isEmpty() && !path.subresource().equals("status")) {
      subresources.handle(exchange, path, type, format);
      return;
    }
    boolean status = path.subresource().equals("status");
    boolean watch = path.watchPath() || RequestOptions.boolParam(exchange, "watch");
    if (watch) {
      if (!method.equals("GET") || status) {
        throw ApiException.methodNotAllowed("watch requires GET on a collection or object");
      }
      watches.handle(exchange, type, path, format);
      return;
    }
    switch (method) {
      case "GET" -> {
        if (path.hasName()) {
          get(exchange, type, registry, path, format);
        } else if (status) {
          throw ApiException.notFoundPath();
        } else {
          list(exchange, type, path, format);
        }
      }
      case "POST" -> {
        requireNoName(path);
        create(exchange, type, registry, path, format);
      }
      case "PUT" -> {
        requireName(path);
        update(exchange, type, registry, path, format, status);
      }
      case "PATCH" -> {
        requireName(path);
        patch(exchange, type, registry, path, format, status);
      }
      case "DELETE" -> {
        if (status) {
          throw ApiException.methodNotAllowed("DELETE is not supported on status");
        }
        if (path.hasName()) {
          delete(exchange, type, registry, path, format);
        } else {
          deleteCollection(exchange, type, registry, path, format);
        }
      }
      default -> throw ApiException.methodNotAllowed("the server does not allow this method on the "
          + "requested resource");
    }
  }

  private void get(Exchange exchange, ResourceType type, GenericRegistry registry, RequestPath path,
      ResponseFormat format) {
    ObjectNode object = registry.get(path.namespace(), path.name());
    Responses.send(exchange, 200, representations.single(type, object, format,
        exchange.query("includeObject").orElse("")), format);
  }

  private void list(Exchange exchange, ResourceType type, RequestPath path, ResponseFormat format) {
    ListOptions options = RequestOptions.list(exchange);
    ListPage page = lister.list(type, path.namespace(), options);
    Responses.send(exchange, 200, representations.list(type, page, format,
        exchange.query("includeObject").orElse("")), format);
  }

  private void create(Exchange exchange, ResourceType type, GenericRegistry registry,
      RequestPath path, ResponseFormat format) {
    Map<String, String> headers = new LinkedHashMap<>();
    ObjectNode body = decodeChecked(exchange, type, headers);
    WriteResult result = registry.create(path.namespace(), body, RequestOptions.write(exchange));
    Responses.send(exchange, 201, representations.single(type, result.object(), format, "Object"), format, headers);
  }

  private void update(Exchange exchange, ResourceType type, GenericRegistry registry,
      RequestPath path, ResponseFormat format, boolean status) {
    Map<String, String> headers = new LinkedHashMap<>();
    ObjectNode body = decodeChecked(exchange, type, headers);
    WriteOptions options = RequestOptions.write(exchange);
    WriteResult result = status
        ? registry.updateStatus(path.namespace(), path.name(), body, options)
        : registry.update(path.namespace(), path.name(), body, options);
    Responses.send(exchange, result.created() ? 201 : 200, representations.single(type, result.object(), format, "Object"), format, headers);
  }

  private void patch(Exchange exchange, ResourceType type, GenericRegistry registry,
      RequestPath path, ResponseFormat format, boolean status) {
    String contentType = exchange.header("Content-Type").orElse("");
    PatchType patchType = PatchType.fromContentType(contentType)
        .orElseThrow(() -> ApiException.unsupportedMediaType(contentType));
    if (exchange.body().length == 0) {
      throw ApiException.badRequest("the body of the request was empty");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    FieldValidationDirective mode = fieldValidationMode(exchange);
    WriteResult result = registry.patch(path.namespace(), path.name(), patchType, exchange.body(),
        status, RequestOptions.write(exchange), patched -> {
          if (mode == FieldValidationDirective.IGNORE) {
            return;
          }
          FieldProblems problems = fieldValidation.check(patched, type.modelClass());
          report(problems, mode, () -> problems.strictPatchError(), headers);
        });
    Responses.send(exchange, 200, representations.single(type, result.object(), format, "Object"), format, headers);
  }

  private void delete(Exchange exchange, ResourceType type, GenericRegistry registry,
      RequestPath path, ResponseFormat format) {
    var options = RequestOptions.delete(exchange);
    DeleteResult result = registry.delete(path.namespace(), path.name(), options);
    boolean foregroundPending = !result.removed()
        && options.propagationPolicy().map("Foreground"::equals).orElse(false);
    if (!result.removed() || ReturnDeleted.objectFor(type)) {
      Responses.send(exchange, foregroundPending ? 202 : 200, result.object(), format);
      return;
    }
    ObjectNode status = Json.object();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    ObjectNode details = status.putObject("details");
    details.put("name", path.name());
    if (!type.group().isEmpty()) {
      details.put("group", type.group());
    }
    details.put("kind", type.plural());
    details.put("uid", result.object().path("metadata").path("uid").asString(""));
    Responses.send(exchange, 200, status, format);
  }

  private void deleteCollection(Exchange exchange, ResourceType type, GenericRegistry registry,
      RequestPath path, ResponseFormat format) {
    var deleteOptions = RequestOptions.delete(exchange);
    ListOptions listOptions = RequestOptions.list(exchange);
    ListPage page = lister.list(type, path.namespace(), listOptions);
    List<ObjectNode> deleted = new ArrayList<>();
    for (ObjectNode object : page.items()) {
      try {
        String namespace = object.path("metadata").path("namespace").asString("");
        String name = object.path("metadata").path("name").asString("");
        deleted.add(registry.delete(namespace, name, deleteOptions).object());
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    ObjectNode list = Representations.plainList(type, new ListPage(deleted, page.revision(), "",
        Optional.empty()));
    Responses.send(exchange, 200, list, format);
  }

  /** Decodes a body and applies server-side field validation, adding warnings to headers. */
  private ObjectNode decodeChecked(Exchange exchange, ResourceType type,
      Map<String, String> headers) {
    String contentType = exchange.header("Content-Type").orElse("application/json");
    ObjectNode body = BodyDecoder.decodeObject(exchange.body(), contentType);
    FieldValidationDirective mode = fieldValidationMode(exchange);
    MediaType mediaType = MediaType.parse(contentType);
    // A protobuf body cannot carry unknown fields: its decoder already refused any.
    if (mode != FieldValidationDirective.IGNORE
        && !mediaType.type().equals(ProtobufBodies.MEDIA_TYPE)) {
      // The raw bytes reveal duplicate fields too; a YAML body is checked as the decoded tree.
      FieldProblems problems = mediaType.isYaml()
          ? fieldValidation.check(body, type.modelClass())
          : fieldValidation.check(exchange.body(), type.modelClass());
      GroupVersionKind gvk = new GroupVersionKind(type.group(), type.version(), type.kind());
      report(problems, mode, () -> problems.strictDecodingError(gvk), headers);
    }
    return body;
  }

  private static FieldValidationDirective fieldValidationMode(Exchange exchange) {
    String value = exchange.query("fieldValidation").orElse("");
    return FieldValidationDirective.parse(value).orElseThrow(() -> ApiException.badRequest(
        "fieldValidation: Unsupported value: \"" + value
            + "\": supported values: \"Ignore\", \"Strict\", \"Warn\""));
  }

  private static void report(FieldProblems problems, FieldValidationDirective mode,
      java.util.function.Supplier<ApiException> strictError, Map<String, String> headers) {
    if (problems.isEmpty()) {
      return;
    }
    if (mode == FieldValidationDirective.STRICT) {
      throw strictError.get();
    }
    headers.put("Warning", Warnings.header(problems.warnings()));
  }

  private static void requireName(RequestPath path) {
    if (!path.hasName()) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the requested "
          + "resource");
    }
  }

  private static void requireNoName(RequestPath path) {
    if (path.hasName()) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the requested "
          + "resource");
    }
  }
}
