package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** kubectl's one-line rendering of a failed request: {@code Error from server (NotFound): ...}. */
final class ServerErrors {

  private ServerErrors() {}

  static String describe(Cluster.Reply reply) {
    try {
      JsonNode status = Json.MAPPER.readTree(reply.body());
      if ("Status".equals(status.path("kind").asString(""))) {
        String reason = status.path("reason").asString("");
        String message = status.path("message").asString("");
        return "Error from server" + (reason.isEmpty() ? "" : " (" + reason + ")") + ": "
            + message;
      }
    } catch (JacksonException e) {
      // Not a Status; show the body as kubectl does.
    }
    return "Error from server: " + reply.body().strip();
  }
}
