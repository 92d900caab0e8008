package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * kubectl's {@code ServiceAccountDescriber}: its image pull secrets, mountable secrets and token
 * secrets under headers padded to one width, one name per line.
 */
final class ServiceAccountDescriber implements Describer {

  private static final String EMPTY_HEADER = "                   ";

  @Override
  public String describe(JsonNode sa, DescribeSource source, DescribeContext context) {
    JsonNode meta = sa.path("metadata");
    String namespace = text(meta.path("namespace"));
    DescribeWriter w = new DescribeWriter();
    w.write(0, "Name:\t%s\n", text(meta.path("name")));
    w.write(0, "Namespace:\t%s\n", namespace);
    DescribeSections.labels(w, "Labels", meta.path("labels"));
    DescribeSections.annotations(w, "", "Annotations", meta.path("annotations"));
    List<String> pull = new ArrayList<>();
    sa.path("imagePullSecrets").forEach(s -> pull.add(text(s.path("name"))));
    List<String> mountable = new ArrayList<>();
    sa.path("secrets").forEach(s -> mountable.add(text(s.path("name"))));
    List<String> tokens = new ArrayList<>();
    for (JsonNode s : source.list("/api/v1/namespaces/" + namespace + "/secrets")) {
      if (text(s.path("type")).equals("kubernetes.io/service-account-token")
          && text(s.path("metadata").path("annotations")
              .path("kubernetes.io/service-account.name")).equals(text(meta.path("name")))) {
        tokens.add(text(s.path("metadata").path("name")));
      }
    }
    Map<String, List<String>> sections = new LinkedHashMap<>();
    sections.put("Image pull secrets:", pull);
    sections.put("Mountable secrets: ", mountable);
    sections.put("Tokens:            ", tokens);
    sections.forEach((header, names) -> {
      if (names.isEmpty()) {
        w.write(0, "%s\t<none>\n", header);
      }
      String prefix = header;
      for (String name : names) {
        w.write(0, "%s\t%s\n", prefix, name);
        prefix = EMPTY_HEADER;
      }
    });
    EventsSection.write(w, EventQuery.about(sa, "ServiceAccount", source), context);
    return w.render();
  }
}
