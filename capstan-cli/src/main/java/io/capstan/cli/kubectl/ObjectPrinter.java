package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get}'s printers of whole objects: {@code -o yaml|json|name|jsonpath|jsonpath-as-json|
 * custom-columns}. They print one object when one was named, else a {@code v1 List} of every item,
 * as kubectl's generic printing does. Templates are parsed up front, so that a bad one fails before
 * any request, with kubectl's messages.
 */
final class ObjectPrinter {

  private final OutputFormat format;
  private final boolean noHeaders;
  private final JsonPath jsonPath;
  private final CustomColumns columns;

  private ObjectPrinter(OutputFormat format, boolean noHeaders, JsonPath jsonPath,
      CustomColumns columns) {
    this.format = format;
    this.noHeaders = noHeaders;
    this.jsonPath = jsonPath;
    this.columns = columns;
  }

  static ObjectPrinter of(OutputFormat format, boolean allowMissingKeys, boolean noHeaders) {
    JsonPath path = null;
    CustomColumns columns = null;
    switch (format.printer()) {
      case "jsonpath", "jsonpath-as-json" -> {
        try {
          path = JsonPath.parse(format.template(), allowMissingKeys);
        } catch (JsonPathException e) {
          throw new KubectlError("error: error parsing jsonpath " + format.template() + ", "
              + e.getMessage());
        }
      }
      case "custom-columns" -> columns = CustomColumns.parse(format.template());
      case "custom-columns-file" -> columns = CustomColumns.parseFile(format.template());
      default -> {
        // yaml, json and name need no set-up
      }
    }
    return new ObjectPrinter(format, noHeaders, path, columns);
  }

  /**
   * The text for {@code single} (the one object named, when exactly one was) or else a List of
   * {@code items}; {@code names} is the {@code -o name} text.
   */
  String print(JsonNode single, List<JsonNode> items, String names) {
    JsonNode document = single != null ? single : list(items);
    return switch (format.printer()) {
      case "yaml" -> GoYaml.write(document);
      case "json" -> GoJson.write(document);
      case "name" -> names;
      case "jsonpath", "jsonpath-as-json" -> template(document);
      default -> columns.render(single != null ? List.of(single) : items, noHeaders);
    };
  }

  boolean noHeaders() {
    return noHeaders;
  }

  /** The custom columns, when this is a custom-columns printer. */
  java.util.Optional<CustomColumns> customColumns() {
    return java.util.Optional.ofNullable(columns);
  }

  /**
   * One object on its own, as {@code -w} prints each object: YAML documents after the first are
   * preceded by {@code ---}.
   */
  String printOne(JsonNode object, boolean first) {
    return switch (format.printer()) {
      case "yaml" -> (first ? "" : "---\n") + GoYaml.write(object);
      default -> print(object, List.of(object), GetNames.of(List.of(object)));
    };
  }

  private String template(JsonNode document) {
    try {
      return format.printer().equals("jsonpath") ? jsonPath.execute(document)
          : jsonPath.executeAsJson(document);
    } catch (JsonPathException e) {
      throw new KubectlError("error: error executing jsonpath \"" + format.template()
          + "\": Error executing template: " + e.getMessage() + ". Printing more information for "
          + "debugging the template:\n\ttemplate was:\n\t\t" + format.template()
          + "\n\tobject given to jsonpath engine was:\n\t\t" + GoValues.goSyntax(document)
          + "\n\n");
    }
  }

  private static JsonNode list(List<JsonNode> items) {
    ObjectNode list = Json.object();
    list.put("apiVersion", "v1");
    list.putArray("items").addAll(items);
    list.put("kind", "List");
    list.putObject("metadata").put("resourceVersion", "");
    return list;
  }
}
