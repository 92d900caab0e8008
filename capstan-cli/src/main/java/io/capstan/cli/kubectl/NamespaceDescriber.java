package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * kubectl's {@code NamespaceDescriber}: status, and whether the namespace has quotas and limit
 * ranges when the server serves them (kubectl says nothing of them when it does not).
 */
final class NamespaceDescriber implements Describer {

  @Override
  public String describe(JsonNode ns, DescribeSource source, DescribeContext context) {
    JsonNode meta = ns.path("metadata");
    DescribeWriter w = new DescribeWriter();
    w.write(0, "Name:\t%s\n", text(meta.path("name")));
    DescribeSections.labels(w, "Labels", meta.path("labels"));
    DescribeSections.annotations(w, "", "Annotations", meta.path("annotations"));
    w.write(0, "Status:\t%s\n", text(ns.path("status").path("phase")));
    String base = "/api/v1/namespaces/" + text(meta.path("name"));
    Optional<JsonNode> quotas = source.get(base + "/resourcequotas");
    if (quotas.isPresent() && quotas.get().path("items").isEmpty()) {
      w.write(0, "\nNo resource quota.\n");
    }
    Optional<JsonNode> limits = source.get(base + "/limitranges");
    if (limits.isPresent() && limits.get().path("items").isEmpty()) {
      w.write(0, "\nNo LimitRange resource.\n");
    }
    return w.render();
  }
}
