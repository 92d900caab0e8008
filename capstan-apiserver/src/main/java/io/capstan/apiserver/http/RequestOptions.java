package io.capstan.apiserver.http;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.registry.DeleteOptions;
import io.capstan.apiserver.registry.ListOptions;
import io.capstan.apiserver.registry.WriteOptions;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads Kubernetes' query parameters (and DeleteOptions bodies) into the registry's options. */
final class RequestOptions {

  private RequestOptions() {}

  static WriteOptions write(Exchange exchange) {
    return new WriteOptions(dryRun(exchange.query("dryRun")),
        exchange.query("fieldManager").orElse(""));
  }

  static ListOptions list(Exchange exchange) {
    long limit = longParam(exchange, "limit").orElse(0L);
    return new ListOptions(
        exchange.query("labelSelector").orElse(""),
        exchange.query("fieldSelector").orElse(""),
        exchange.query("resourceVersion").orElse(""),
        exchange.query("resourceVersionMatch").orElse(""),
        Math.max(limit, 0),
        exchange.query("continue").orElse(""));
  }

  /** DeleteOptions from the body when present, with query parameters taking part as well. */
  static DeleteOptions delete(Exchange exchange) {
    byte[] body = exchange.body();
    JsonNode options = null;
    if (body.length > 0) {
      options = BodyDecoder.decode(body,
          exchange.header("Content-Type").orElse("application/json"));
      if (!options.isObject()) {
        throw ApiException.badRequest("DeleteOptions must be an object");
      }
    }
    return delete(exchange, options);
  }

  /**
   * DeleteOptions given as a tree (a DeleteOptions body, or an Eviction's
   * {@code deleteOptions}; null for none) together with the query parameters.
   */
  static DeleteOptions delete(Exchange exchange, JsonNode options) {
    Optional<Long> grace = longParam(exchange, "gracePeriodSeconds");
    Optional<String> policy = exchange.query("propagationPolicy");
    Optional<String> uid = Optional.empty();
    Optional<String> rv = Optional.empty();
    boolean dryRun = dryRun(exchange.query("dryRun"));
    Optional<Boolean> orphan = exchange.query("orphanDependents").map(Boolean::parseBoolean);
    if (options != null) {
      if (options.path("gracePeriodSeconds").isNumber()) {
        grace = Optional.of(options.path("gracePeriodSeconds").asLong());
      }
      if (options.path("propagationPolicy").isString()) {
        policy = Optional.of(options.path("propagationPolicy").asString());
      }
      if (options.path("orphanDependents").isBoolean()) {
        orphan = Optional.of(options.path("orphanDependents").asBoolean());
      }
      JsonNode pre = options.path("preconditions");
      if (pre.path("uid").isString()) {
        uid = Optional.of(pre.path("uid").asString());
      }
      if (pre.path("resourceVersion").isString()) {
        rv = Optional.of(pre.path("resourceVersion").asString());
      }
      JsonNode dry = options.path("dryRun");
      if (dry.isArray() && !dry.isEmpty()) {
        dryRun = dryRun(Optional.of(dry.get(0).asString("")));
      }
    }
    if (orphan.isPresent()) {
      if (policy.isPresent()) {
        throw ApiException.invalid("meta.k8s.io", "DeleteOptions", "",
            java.util.List.of(io.capstan.apiserver.errors.FieldError.invalid("propagationPolicy",
                policy.get(), "orphanDependents and deletionPropagation cannot be both set")));
      }
      policy = Optional.of(orphan.get() ? "Orphan" : "Background");
    }
    return new DeleteOptions(grace, policy, uid, rv, dryRun);
  }

  private static boolean dryRun(Optional<String> value) {
    if (value.isEmpty() || value.get().isEmpty()) {
      return false;
    }
    if (value.get().equals("All")) {
      return true;
    }
    throw ApiException.badRequest("dryRun: Unsupported value: \"" + value.get()
        + "\": supported values: \"All\"");
  }

  static Optional<Long> longParam(Exchange exchange, String name) {
    Optional<String> raw = exchange.query(name);
    if (raw.isEmpty() || raw.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(raw.get()));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": Invalid value: \"" + raw.get()
          + "\": must be an integer");
    }
  }

  static boolean boolParam(Exchange exchange, String name) {
    String raw = exchange.query(name).orElse("false");
    return raw.equals("true") || raw.equals("1");
  }
}
