package io.capstan.cli.kubectl;

import io.capstan.apiserver.errors.GoQuote;
import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * kubectl's rendering of a failed request: {@code Error from server (NotFound): ...}, or, for a
 * 422 that names the object, kubectl's own sentence built from the Status details:
 * {@code The Deployment "web" is invalid: spec.replicas: ...}, one {@code * cause} line each when
 * there are several.
 */
final class ServerErrors {

  private ServerErrors() {}

  static String describe(Cluster.Reply reply) {
    try {
      JsonNode status = Json.MAPPER.readTree(reply.body());
      if ("Status".equals(status.path("kind").asString(""))) {
        String reason = status.path("reason").asString("");
        if (isInvalid(status)) {
          return invalid(status.path("details"));
        }
        String message = status.path("message").asString("");
        return "Error from server" + (reason.isEmpty() ? "" : " (" + reason + ")") + ": "
            + message;
      }
    } catch (JacksonException e) {
      // Not a Status; show the body as kubectl does.
    }
    return "Error from server: " + reply.body().strip();
  }

  /**
   * Whether kubectl would print the reply as an invalid object (its message, which may have been
   * prefixed with the source file, is then not used).
   */
  static boolean isInvalid(Cluster.Reply reply) {
    try {
      return isInvalid(Json.MAPPER.readTree(reply.body()));
    } catch (JacksonException e) {
      return false;
    }
  }

  private static boolean isInvalid(JsonNode status) {
    return "Status".equals(status.path("kind").asString(""))
        && "Invalid".equals(status.path("reason").asString(""))
        && status.path("details").isObject();
  }

  /** kubectl's {@code checkErr} for {@code IsInvalid}, with its {@code MultilineError}. */
  private static String invalid(JsonNode details) {
    String kind = details.path("kind").asString("");
    String name = details.path("name").asString("");
    String sentence = kind.isEmpty() && name.isEmpty() ? "The request is invalid"
        : "The " + kind + " " + GoQuote.quote(name) + " is invalid";
    List<String> causes = new ArrayList<>();
    for (JsonNode cause : details.path("causes")) {
      String field = cause.path("field").asString("");
      String message = cause.path("message").asString("");
      causes.add(field.isEmpty() ? message : field + ": " + message);
    }
    return switch (causes.size()) {
      case 0 -> sentence;
      case 1 -> sentence + ": " + causes.getFirst();
      default -> sentence + ": \n* " + String.join("\n* ", causes);
    };
  }
}
