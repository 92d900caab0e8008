package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * kubectl's {@code genericDescriber}, for kinds without their own: name, labels, annotations,
 * then every other field, sorted, under labels made from its name ({@code apiVersion} becomes
 * {@code API Version}), and the object's events.
 */
final class GenericDescriber implements Describer {

  private static final Set<String> SKIP = Set.of(".metadata.managedFields", ".metadata.name",
      ".metadata.namespace", ".metadata.labels", ".metadata.annotations");
  private static final Set<String> ACRONYMS = Set.of("API", "URL", "UID", "OSB", "GUID");

  private final String kind;

  GenericDescriber(String kind) {
    this.kind = kind;
  }

  @Override
  public String describe(JsonNode object, DescribeSource source, DescribeContext context) {
    JsonNode meta = object.path("metadata");
    DescribeWriter w = new DescribeWriter();
    w.write(0, "Name:\t%s\n", text(meta.path("name")));
    w.write(0, "Namespace:\t%s\n", text(meta.path("namespace")));
    DescribeSections.labels(w, "Labels", meta.path("labels"));
    DescribeSections.annotations(w, "", "Annotations", meta.path("annotations"));
    content(w, 0, object, "");
    EventsSection.write(w, EventQuery.about(object, kind, source), context);
    return w.render();
  }

  private static void content(DescribeWriter w, int level, JsonNode map, String prefix) {
    TreeMap<String, JsonNode> fields = new TreeMap<>();
    map.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
    fields.forEach((field, value) -> {
      String path = prefix + "." + field;
      if (SKIP.contains(path)) {
        return;
      }
      if (value.isObject()) {
        w.write(level, "%s:\n", label(field));
        content(w, level + 1, value, path);
      } else if (value.isArray()) {
        w.write(level, "%s:\n", label(field));
        for (JsonNode child : value) {
          if (child.isObject()) {
            content(w, level + 1, child, path);
          } else {
            w.write(level + 1, "%s\n", scalar(child));
          }
        }
      } else {
        w.write(level, "%s:\t%s\n", label(field), scalar(value));
      }
    });
  }

  private static String scalar(JsonNode v) {
    return v.isNull() ? "<nil>" : v.isString() ? v.asString() : v.toString();
  }

  /** {@code smartLabelFor}: camel-case words, capitalised, known acronyms upper-cased. */
  static String label(String field) {
    if (!field.chars().allMatch(c -> Character.isLetter(c) || c == '-')) {
      return field;
    }
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      boolean split = word.length() > 0 && (Character.isUpperCase(c)
          && (Character.isLowerCase(word.charAt(word.length() - 1))
              || (i + 1 < field.length() && Character.isLowerCase(field.charAt(i + 1))))
          || (c == '-') != (word.charAt(word.length() - 1) == '-'));
      if (split) {
        words.add(word.toString());
        word.setLength(0);
      }
      word.append(c);
    }
    words.add(word.toString());
    List<String> out = new ArrayList<>();
    for (String part : words) {
      String upper = part.toUpperCase(Locale.ROOT);
      out.add(ACRONYMS.contains(upper) ? upper
          : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return String.join(" ", out);
  }
}
