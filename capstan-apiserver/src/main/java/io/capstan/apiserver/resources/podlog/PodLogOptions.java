package io.capstan.apiserver.resources.podlog;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.errors.FieldError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The query of {@code GET .../pods/{name}/log}, as Kubernetes' PodLogOptions.
 *
 * @param insecureSkipTLSVerifyBackend accepted for compatibility; the node endpoint is plain HTTP
 */
public record PodLogOptions(Optional<String> container, boolean follow, boolean previous,
    OptionalLong sinceSeconds, Optional<Instant> sinceTime, boolean timestamps,
    OptionalLong tailLines, OptionalLong limitBytes, boolean insecureSkipTLSVerifyBackend) {

  /** Reads the query; 400 for a value that is not a number or a time. */
  public static PodLogOptions parse(Function<String, Optional<String>> query) {
    return new PodLogOptions(
        query.apply("container").filter(s -> !s.isEmpty()),
        flag(query, "follow"),
        flag(query, "previous"),
        integer(query, "sinceSeconds"),
        time(query, "sinceTime"),
        flag(query, "timestamps"),
        integer(query, "tailLines"),
        integer(query, "limitBytes"),
        flag(query, "insecureSkipTLSVerifyBackend"));
  }

  /** Upstream's ValidatePodLogOptions: a 422 for kind PodLogOptions named as the pod. */
  public void validate(String podName) {
    List<FieldError> errors = new ArrayList<>();
    if (tailLines.isPresent() && tailLines.getAsLong() < 0) {
      errors.add(FieldError.invalid("tailLines", tailLines.getAsLong(),
          "must be greater than or equal to 0"));
    }
    if (limitBytes.isPresent() && limitBytes.getAsLong() < 1) {
      errors.add(FieldError.invalid("limitBytes", limitBytes.getAsLong(),
          "must be greater than 0"));
    }
    if (sinceSeconds.isPresent() && sinceTime.isPresent()) {
      errors.add(FieldError.forbidden("",
          "at most one of `sinceTime` or `sinceSeconds` may be specified"));
    } else if (sinceSeconds.isPresent() && sinceSeconds.getAsLong() < 1) {
      errors.add(FieldError.invalid("sinceSeconds", sinceSeconds.getAsLong(),
          "must be greater than 0"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid("", "PodLogOptions", podName, errors);
    }
  }

  /** The query the node endpoint is asked with, as upstream's LogLocation builds it. */
  public String nodeQuery() {
    List<String> params = new ArrayList<>();
    if (follow) {
      params.add("follow=true");
    }
    if (previous) {
      params.add("previous=true");
    }
    if (timestamps) {
      params.add("timestamps=true");
    }
    sinceSeconds.ifPresent(v -> params.add("sinceSeconds=" + v));
    sinceTime.ifPresent(t -> params.add("sinceTime="
        + URLEncoder.encode(t.truncatedTo(ChronoUnit.SECONDS).toString(), StandardCharsets.UTF_8)));
    tailLines.ifPresent(v -> params.add("tailLines=" + v));
    limitBytes.ifPresent(v -> params.add("limitBytes=" + v));
    return String.join("&", params);
  }

  /** Kubernetes' query conversion: only "", "0" and "false" are false. */
  private static boolean flag(Function<String, Optional<String>> query, String name) {
    return query.apply(name)
        .map(v -> !(v.isEmpty() || v.equals("0") || v.equalsIgnoreCase("false")))
        .orElse(false);
  }

  private static OptionalLong integer(Function<String, Optional<String>> query, String name) {
    Optional<String> raw = query.apply(name).filter(s -> !s.isEmpty());
    if (raw.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(raw.get()));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": Invalid value: \"" + raw.get()
          + "\": must be an integer");
    }
  }

  private static Optional<Instant> time(Function<String, Optional<String>> query, String name) {
    Optional<String> raw = query.apply(name).filter(s -> !s.isEmpty());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(raw.get()).toInstant());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("parsing time \"" + raw.get() + "\" as \""
          + "2006-01-02T15:04:05Z07:00\": cannot parse \"" + raw.get() + "\" as RFC3339");
    }
  }
}
