package io.capstan.node.server;

import io.capstan.node.logs.LogOptions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A parsed {@code GET /containerLogs/{namespace}/{pod}/{container}?...}. The query is read as
 * the API server sends it: booleans as Kubernetes converts query parameters (only "", "0" and
 * "false" are false), {@code sinceTime} as RFC3339, and {@code sinceSeconds} counted back from
 * {@code now}.
 */
record ContainerLogRequest(String namespace, String pod, String container, boolean previous,
    LogOptions options) {

  static final String PREFIX = "/containerLogs/";

  /** A request that cannot be served, with the status and text to answer. */
  static final class Rejected extends Exception {
    private final int status;

    Rejected(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  static ContainerLogRequest parse(String path, Function<String, Optional<String>> query,
      Instant now) throws Rejected {
    List<String> parts = List.of(path.substring(PREFIX.length()).split("/", -1));
    if (parts.size() != 3 || parts.stream().anyMatch(String::isEmpty)) {
      throw new Rejected(404, "404 page not found");
    }
    OptionalLong tail = integer(query, "tailLines");
    if (tail.isPresent() && tail.getAsLong() < 0) {
      throw new Rejected(400, "tailLines: Invalid value: " + tail.getAsLong()
          + ": must be greater than or equal to 0");
    }
    OptionalLong limit = integer(query, "limitBytes");
    if (limit.isPresent() && limit.getAsLong() < 1) {
      throw new Rejected(400, "limitBytes: Invalid value: " + limit.getAsLong()
          + ": must be greater than 0");
    }
    OptionalLong sinceSeconds = integer(query, "sinceSeconds");
    Optional<String> sinceTime = query.apply("sinceTime").filter(s -> !s.isEmpty());
    if (sinceSeconds.isPresent() && sinceTime.isPresent()) {
      throw new Rejected(400, "at most one of `sinceTime` or `sinceSeconds` may be specified");
    }
    Optional<Instant> since = Optional.empty();
    if (sinceSeconds.isPresent()) {
      if (sinceSeconds.getAsLong() < 1) {
        throw new Rejected(400, "sinceSeconds: Invalid value: " + sinceSeconds.getAsLong()
            + ": must be greater than 0");
      }
      since = Optional.of(now.minusSeconds(sinceSeconds.getAsLong()));
    } else if (sinceTime.isPresent()) {
      try {
        since = Optional.of(OffsetDateTime.parse(sinceTime.get()).toInstant());
      } catch (DateTimeParseException e) {
        throw new Rejected(400, "sinceTime: Invalid value: \"" + sinceTime.get()
            + "\": must be an RFC3339 time");
      }
    }
    LogOptions options = new LogOptions(flag(query, "follow"), tail, since,
        flag(query, "timestamps"), limit);
    return new ContainerLogRequest(parts.get(0), parts.get(1), parts.get(2),
        flag(query, "previous"), options);
  }

  private static boolean flag(Function<String, Optional<String>> query, String name) {
    return query.apply(name).map(v -> !(v.isEmpty() || v.equals("0") || v.equalsIgnoreCase("false")))
        .orElse(false);
  }

  private static OptionalLong integer(Function<String, Optional<String>> query, String name)
      throws Rejected {
    Optional<String> raw = query.apply(name).filter(s -> !s.isEmpty());
    if (raw.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(raw.get()));
    } catch (NumberFormatException e) {
      throw new Rejected(400, name + ": Invalid value: \"" + raw.get() + "\": must be an integer");
    }
  }
}
