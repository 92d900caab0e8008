package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import java.util.Base64;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * kubectl's {@code SecretDescriber}: the type and each key's size, never the values (but a
 * service-account token's token, as kubectl shows it). Keys sorted, where kubectl's order varies.
 */
final class SecretDescriber implements Describer {

  @Override
  public String describe(JsonNode secret, DescribeSource source, DescribeContext context) {
    JsonNode meta = secret.path("metadata");
    DescribeWriter w = new DescribeWriter();
    w.write(0, "Name:\t%s\n", text(meta.path("name")));
    w.write(0, "Namespace:\t%s\n", text(meta.path("namespace")));
    DescribeSections.labels(w, "Labels", meta.path("labels"));
    DescribeSections.annotations(w, "", "Annotations", meta.path("annotations"));
    String type = text(secret.path("type"));
    w.write(0, "\nType:\t%s\n", type);
    w.write(0, "\nData\n====\n");
    TreeMap<String, byte[]> data = new TreeMap<>();
    secret.path("data").properties().forEach(e -> data.put(e.getKey(),
        Base64.getDecoder().decode(text(e.getValue()))));
    data.forEach((k, v) -> {
      if (k.equals("token") && type.equals("kubernetes.io/service-account-token")) {
        w.write(0, "%s:\t%s\n", k, new String(v, java.nio.charset.StandardCharsets.UTF_8));
      } else {
        w.write(0, "%s:\t%d bytes\n", k, v.length);
      }
    });
    return w.render();
  }
}
