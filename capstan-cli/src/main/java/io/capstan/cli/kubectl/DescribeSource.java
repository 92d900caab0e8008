package io.capstan.cli.kubectl;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Where a describer reads the objects related to the one it describes (its ReplicaSets, pods,
 * events, lease): the server for the command, recorded replies for tests. Related objects are
 * optional to a description, so failures read as absent, as kubectl ignores them.
 */
interface DescribeSource {

  /** The object at {@code path}, if the server has it. */
  Optional<JsonNode> get(String path);

  /** The items of the list at {@code path} (with its query), or none. */
  List<JsonNode> list(String path);

  /** {@code path?labelSelector=selector}, encoded. */
  static String withLabels(String path, String selector) {
    return path + "?labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8);
  }

  /** {@code path?fieldSelector=selector}, encoded. */
  static String withFields(String path, String selector) {
    return path + "?fieldSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8);
  }
}
