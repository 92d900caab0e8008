package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code config get-contexts}: {@code CURRENT NAME CLUSTER AUTHINFO NAMESPACE} sorted by name,
 * {@code *} on the current one; with names, only those, and kubectl's error for the first one
 * missing (after the table).
 */
record ContextTable(Kubeconfig config, boolean namesOnly, boolean noHeaders) {

  record Result(String text, Optional<String> error) {}

  Result render(List<String> names) {
    List<JsonNode> contexts = new ArrayList<>(config.contexts());
    contexts.sort(Comparator.comparing(c -> c.path("name").asString("")));
    Optional<String> error = Optional.empty();
    if (!names.isEmpty()) {
      List<JsonNode> picked = new ArrayList<>();
      for (String name : names) {
        Optional<JsonNode> found = config.context(name);
        if (found.isPresent()) {
          picked.add(found.get());
        } else if (error.isEmpty()) {
          error = Optional.of("error: context " + name + " not found");
        }
      }
      contexts = picked;
    }
    if (namesOnly) {
      StringBuilder out = new StringBuilder();
      contexts.forEach(c -> out.append(c.path("name").asString("")).append('\n'));
      return new Result(out.toString(), error);
    }
    Columns columns = new Columns();
    if (!noHeaders) {
      columns.add(List.of("CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"));
    }
    String current = config.currentContext().orElse("");
    for (JsonNode c : contexts) {
      String name = c.path("name").asString("");
      JsonNode fields = c.path("context");
      columns.add(List.of(name.equals(current) ? "*" : "", name,
          fields.path("cluster").asString(""), fields.path("user").asString(""),
          fields.path("namespace").asString("")));
    }
    return new Result(columns.render(), error);
  }
}
