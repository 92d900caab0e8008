package io.capstan.apiserver.schema;

import io.capstan.apiserver.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the fabric8 classes lose of the upstream Kubernetes types: descriptions, which fields are
 * required, and which {@code String} fields are really timestamps ({@code date-time}) or base64
 * data ({@code byte}).
 *
 * <p>The bundled {@value #RESOURCE} was extracted once from the Kubernetes 1.32 Java client's
 * model annotations by {@code UpstreamTypeFactsGenerator} (under src/test); see that class to
 * regenerate it.
 */
public final class UpstreamFacts {

  static final String RESOURCE = "upstream-types.json";

  /** Facts about one definition. */
  public record TypeFacts(String description, List<String> required,
      Map<String, FieldFacts> properties) {
    public TypeFacts {
      required = List.copyOf(required);
      properties = Map.copyOf(properties);
    }
  }

  /**
   * Facts about one property.
   *
   * @param format {@code date-time}, {@code byte}, or empty
   */
  public record FieldFacts(String description, String format) {}

  private static final TypeFacts NOTHING = new TypeFacts("", List.of(), Map.of());

  private final Map<String, TypeFacts> types;

  private UpstreamFacts(Map<String, TypeFacts> types) {
    this.types = Map.copyOf(types);
  }

  /** No facts at all: schemas carry only what reflection finds. */
  public static UpstreamFacts none() {
    return new UpstreamFacts(Map.of());
  }

  /** The facts bundled with the server. */
  public static UpstreamFacts bundled() {
    try (InputStream in = UpstreamFacts.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads facts in the bundled file's format: definition name → facts. */
  public static UpstreamFacts parse(JsonNode root) {
    var types = new HashMap<String, TypeFacts>();
    for (var type : root.properties()) {
      JsonNode t = type.getValue();
      var fields = new LinkedHashMap<String, FieldFacts>();
      for (var field : t.path("properties").properties()) {
        JsonNode f = field.getValue();
        fields.put(field.getKey(), new FieldFacts(f.path("description").asString(""),
            f.path("format").asString("")));
      }
      List<String> required = t.path("required").valueStream()
          .map(n -> n.asString()).toList();
      types.put(type.getKey(), new TypeFacts(t.path("description").asString(""), required,
          fields));
    }
    return new UpstreamFacts(types);
  }

  public TypeFacts of(String definition) {
    return types.getOrDefault(definition, NOTHING);
  }

  public Optional<FieldFacts> field(String definition, String property) {
    return Optional.ofNullable(of(definition).properties().get(property));
  }

  public int size() {
    return types.size();
  }
}
