package io.capstan.apiserver.openapi;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.schema.TypeSchemas;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's OpenAPI documents, rendered once when the server starts and served as bytes:
 *
 * <ul>
 *   <li>{@code /openapi/v2}: Swagger 2.0, as JSON ({@link #v2Json()}) and as gnostic protobuf
 *       ({@link #v2Protobuf()}), which is what kubectl asks for
 *       ({@code Accept: }{@value #V2_PROTOBUF_ACCEPT});
 *   <li>{@code /openapi/v3}: the index ({@link #v3Index()}) pointing at one OpenAPI 3.0 document
 *       per group version ({@link #v3Document(String)}, e.g. {@code apis/apps/v1}), each linked
 *       as {@code /openapi/v3/apis/apps/v1?hash=<HASH>}.
 * </ul>
 *
 * <p>ETags and the {@code hash} query values are the upper-case hex SHA-512 of the served bytes,
 * as Kubernetes computes them, so they change exactly when the content does.
 */
public final class OpenApi {

  /** The media type kubectl sends in {@code Accept} for the protobuf v2 document. */
  public static final String V2_PROTOBUF_ACCEPT =
      "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
  /** The {@code Content-Type} Kubernetes answers the protobuf v2 document with. */
  public static final String V2_PROTOBUF_CONTENT_TYPE =
      "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
  public static final String JSON = "application/json";

  private static final String TITLE = "Kubernetes";
  private static final String VERSION = "v1.32.0";

  /** One rendered document: its bytes, their media type and their quoted ETag. */
  public static final class Rendered {
    private final byte[] bytes;
    private final String contentType;
    private final String hash;

    Rendered(byte[] bytes, String contentType) {
      this.bytes = bytes;
      this.contentType = contentType;
      this.hash = sha512Hex(bytes);
    }

    /** A read-only view of the bytes, for writing them out without a copy. */
    public ByteBuffer buffer() {
      return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
      return bytes.clone();
    }

    public int size() {
      return bytes.length;
    }

    public String contentType() {
      return contentType;
    }

    /** The upper-case hex SHA-512 of the bytes. */
    public String hash() {
      return hash;
    }

    /** {@code "<hash>"}, quoted as an HTTP entity tag. */
    public String etag() {
      return '"' + hash + '"';
    }
  }

  /** Everything rendered, built together on first use. */
  private record Documents(Rendered v2Json, Rendered v2Protobuf, Rendered v3Index,
      Map<String, Rendered> v3) {}

  private final List<ResourceType> types;
  private final Supplier<TypeSchemas> schemas;
  private final List<String> groupVersions;
  private volatile Documents documents;

  private OpenApi(Collection<ResourceType> types, Supplier<TypeSchemas> schemas) {
    this.types = List.copyOf(types);
    this.schemas = schemas;
    this.groupVersions = this.types.stream().map(OpenApi::groupVersionPath).distinct().sorted()
        .toList();
  }

  /**
   * The documents of {@code types}, rendered on first use: rendering costs a few hundred
   * milliseconds in a cold JVM (a few tens once warm), which start-up should not wait for.
   * Call {@link #warmUp()} from a background thread to have them ready before kubectl asks.
   */
  public static OpenApi lazy(Collection<ResourceType> types, Supplier<TypeSchemas> schemas) {
    return new OpenApi(types, schemas);
  }

  /** The documents of {@code types}, rendered now. */
  public static OpenApi build(Collection<ResourceType> types, TypeSchemas schemas) {
    return lazy(types, () -> schemas).warmUp();
  }

  /** Renders the documents if that has not happened yet. Thread-safe; renders once. */
  public OpenApi warmUp() {
    documents();
    return this;
  }

  private Documents documents() {
    Documents result = documents;
    if (result == null) {
      synchronized (this) {
        result = documents;
        if (result == null) {
          result = render(types, schemas.get());
          documents = result;
        }
      }
    }
    return result;
  }

  private static Documents render(List<ResourceType> types, TypeSchemas schemas) {
    var all = new ArrayList<ApiOperation>();
    var byGroupVersion = new TreeMap<String, List<ApiOperation>>();
    for (ResourceType type : types) {
      String kind = schemas.definitionName(type.modelClass()).orElseThrow(
          () -> new IllegalArgumentException("no schema for " + type.modelClass()));
      Optional<String> list = ResourceSchemas.listClass(type.modelClass())
          .flatMap(schemas::definitionName);
      List<ApiOperation> ops = ResourceOperations.of(type, kind, list);
      all.addAll(ops);
      byGroupVersion.computeIfAbsent(groupVersionPath(type), k -> new ArrayList<>())
          .addAll(ops);
    }
    ObjectNode v2 = SwaggerV2Document.render(TITLE, VERSION, all, schemas);
    Rendered v2Json = new Rendered(Json.MAPPER.writeValueAsBytes(v2), JSON);
    Rendered v2Protobuf = new Rendered(GnosticProtobuf.document(v2), V2_PROTOBUF_CONTENT_TYPE);

    var v3 = new LinkedHashMap<String, Rendered>();
    ObjectNode index = Json.object();
    ObjectNode paths = index.putObject("paths");
    byGroupVersion.forEach((path, ops) -> {
      ObjectNode doc = OpenApiV3Document.render(TITLE, VERSION, ops, schemas);
      Rendered rendered = new Rendered(Json.MAPPER.writeValueAsBytes(doc), JSON);
      v3.put(path, rendered);
      paths.putObject(path).put("serverRelativeURL",
          "/openapi/v3/" + path + "?hash=" + rendered.hash());
    });
    Rendered v3Index = new Rendered(Json.MAPPER.writeValueAsBytes(index), JSON);
    return new Documents(v2Json, v2Protobuf, v3Index, Map.copyOf(v3));
  }

  /** {@code api/v1} or {@code apis/apps/v1}: the key of a group version's v3 document. */
  public static String groupVersionPath(ResourceType type) {
    return type.group().isEmpty() ? "api/" + type.version()
        : "apis/" + type.group() + "/" + type.version();
  }

  public Rendered v2Json() {
    return documents().v2Json();
  }

  public Rendered v2Protobuf() {
    return documents().v2Protobuf();
  }

  /** {@code {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=..."},...}}}. */
  public Rendered v3Index() {
    return documents().v3Index();
  }

  /**
   * The v3 document of a group version. Kubernetes answers a request carrying the current
   * {@code hash} with {@code Cache-Control: public, immutable} (the URL names the content), and
   * one without it, or with a stale one, with {@code Cache-Control: no-cache, private} and the
   * ETag. Only JSON is offered; kubectl 1.32 asks for v3 as JSON.
   *
   * @param groupVersionPath the path after {@code /openapi/v3/}, e.g. {@code apis/apps/v1}
   */
  public Optional<Rendered> v3Document(String groupVersionPath) {
    return groupVersions.contains(groupVersionPath)
        ? Optional.of(documents().v3().get(groupVersionPath)) : Optional.empty();
  }

  /** The group version paths that have a v3 document, sorted. */
  public List<String> v3GroupVersions() {
    return groupVersions;
  }

  private static String sha512Hex(byte[] bytes) {
    try {
      return HexFormat.of().withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is a required JDK algorithm", e);
    }
  }
}
