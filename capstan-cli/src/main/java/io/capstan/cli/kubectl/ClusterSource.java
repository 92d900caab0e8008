package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A {@link DescribeSource} that asks the server. */
record ClusterSource(Cluster cluster) implements DescribeSource {

  @Override
  public Optional<JsonNode> get(String path) {
    Cluster.Reply reply = cluster.get(path, Cluster.JSON);
    return reply.ok() ? Optional.of(Json.MAPPER.readTree(reply.body())) : Optional.empty();
  }

  @Override
  public List<JsonNode> list(String path) {
    List<JsonNode> items = new ArrayList<>();
    get(path).ifPresent(list -> list.path("items").forEach(items::add));
    return items;
  }
}
