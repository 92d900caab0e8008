package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import java.util.Base64;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * kubectl's {@code ConfigMapDescriber}: each data key with its value under a rule, and binary
 * keys by size. kubectl walks a Go map, so its key order varies from run to run; this one sorts.
 */
final class ConfigMapDescriber implements Describer {

  @Override
  public String describe(JsonNode cm, DescribeSource source, DescribeContext context) {
    JsonNode meta = cm.path("metadata");
    DescribeWriter w = new DescribeWriter();
    w.write(0, "Name:\t%s\n", text(meta.path("name")));
    w.write(0, "Namespace:\t%s\n", text(meta.path("namespace")));
    DescribeSections.labels(w, "Labels", meta.path("labels"));
    DescribeSections.annotations(w, "", "Annotations", meta.path("annotations"));
    w.write(0, "\nData\n====\n");
    TreeMap<String, String> data = new TreeMap<>();
    cm.path("data").properties().forEach(e -> data.put(e.getKey(), text(e.getValue())));
    data.forEach((k, v) -> {
      w.write(0, "%s:\n----\n", k);
      w.write(0, "%s\n", v);
      w.write(0, "\n");
    });
    w.write(0, "\nBinaryData\n====\n");
    TreeMap<String, Integer> binary = new TreeMap<>();
    cm.path("binaryData").properties().forEach(e -> binary.put(e.getKey(),
        Base64.getDecoder().decode(text(e.getValue())).length));
    binary.forEach((k, n) -> w.write(0, "%s: %d bytes\n", k, n));
    w.write(0, "\n");
    EventsSection.write(w, EventQuery.about(cm, "ConfigMap", source), context);
    return w.render();
  }
}
