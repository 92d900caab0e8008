package io.capstan.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.schema.TypeSchemas;
import io.fabric8.kubernetes.api.model.Binding;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiTest {

  private static final List<ResourceType> TYPES = SwaggerV2DocumentTest.TYPES;
  private static final TypeSchemas SCHEMAS = SwaggerV2DocumentTest.SCHEMAS;

  @Test
  void rendersNothingUntilFirstUseAndThenOnce() {
    var builds = new AtomicInteger();
    OpenApi api = OpenApi.lazy(TYPES, () -> {
      builds.incrementAndGet();
      return SCHEMAS;
    });
    assertThat(api.v3GroupVersions()).containsExactly("api/v1", "apis/apps/v1",
        "apis/coordination.k8s.io/v1", "apis/discovery.k8s.io/v1", "apis/policy/v1");
    assertThat(api.v3Document("apis/batch/v1")).isEmpty();
    assertThat(builds).hasValue(0);
    assertThat(api.v2Json().size()).isPositive();
    api.warmUp();
    assertThat(api.v3Index().size()).isPositive();
    assertThat(builds).hasValue(1);
  }

  @Test
  void documentsAreStableAndTaggedByTheirContent() {
    OpenApi again = OpenApi.build(TYPES, ResourceSchemas.of(TYPES));
    OpenApi api = SwaggerV2DocumentTest.API;
    assertThat(again.v2Json().etag()).isEqualTo(api.v2Json().etag());
    assertThat(again.v2Protobuf().bytes()).isEqualTo(api.v2Protobuf().bytes());
    assertThat(again.v3Index().bytes()).isEqualTo(api.v3Index().bytes());
    assertThat(api.v2Json().etag()).matches("\"[0-9A-F]{128}\"");
    assertThat(api.v2Protobuf().etag()).isNotEqualTo(api.v2Json().etag());
    assertThat(api.v2Json().contentType()).isEqualTo("application/json");
    assertThat(api.v2Protobuf().contentType()).isEqualTo(OpenApi.V2_PROTOBUF_CONTENT_TYPE);
  }

  @Test
  void servedBytesCannotBeChangedByCallers() {
    OpenApi api = SwaggerV2DocumentTest.API;
    byte[] copy = api.v2Json().bytes();
    copy[0] = 'X';
    assertThat(api.v2Json().bytes()[0]).isEqualTo((byte) '{');
    assertThat(api.v2Json().buffer().isReadOnly()).isTrue();
    assertThat(api.v2Json().buffer().remaining()).isEqualTo(api.v2Json().size());
  }

  @Test
  void kindsWithoutAListKindGetNoListOperations() {
    List<ResourceType> types = List.of(SampleResources.type("", "Binding", "bindings", true,
        Set.of(), Binding.class));
    OpenApi api = OpenApi.build(types, ResourceSchemas.of(types));
    JsonNode paths = Json.MAPPER.readTree(api.v2Json().bytes()).path("paths");
    assertThat(paths.propertyNames()).containsExactlyInAnyOrder(
        "/api/v1/namespaces/{namespace}/bindings",
        "/api/v1/namespaces/{namespace}/bindings/{name}");
    assertThat(paths.path("/api/v1/namespaces/{namespace}/bindings").propertyNames())
        .containsExactly("post");
  }

  @Test
  void refusesResourcesWithoutSchemas() {
    OpenApi api = OpenApi.lazy(List.of(SampleResources.type("", "Thing", "things", true,
        Set.of(), String.class)), () -> SCHEMAS);
    assertThatThrownBy(api::warmUp).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no schema");
  }
}
