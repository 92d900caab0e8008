package io.capstan.apiserver.table;

import io.capstan.apiserver.errors.ApiException;

/**
 * What each Table row carries besides its cells, from the {@code includeObject} query parameter:
 * nothing, the object's metadata as a {@code PartialObjectMetadata} (the default, which kubectl
 * uses for names and namespaces), or the whole object.
 */
public enum IncludeObject {
  NONE("None"),
  METADATA("Metadata"),
  OBJECT("Object");

  private final String value;

  IncludeObject(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /**
   * Reads the query parameter; absent or empty means {@link #METADATA}.
   *
   * @throws ApiException 400 {@code unrecognized includeObject value: "x"}
   */
  public static IncludeObject parse(String parameter) {
    if (parameter == null || parameter.isEmpty()) {
      return METADATA;
    }
    for (IncludeObject option : values()) {
      if (option.value.equals(parameter)) {
        return option;
      }
    }
    throw ApiException.badRequest("unrecognized includeObject value: \""
        + parameter.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
  }
}
