package io.capstan.apiserver.table;

import static io.capstan.apiserver.table.TestObjects.NOW;
import static io.capstan.apiserver.table.TestObjects.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TableRendererTest {

  private final TableRenderer renderer =
      new TableRenderer(TablePrinters.standard(), Clock.fixed(NOW, ZoneOffset.UTC));

  private final ObjectNode teamA = yaml("""
      apiVersion: v1
      kind: Namespace
      metadata:
        name: team-a
        uid: 6b1e-aa
        resourceVersion: "41"
        creationTimestamp: "2025-01-01T11:00:00Z"
        labels: {kubernetes.io/metadata.name: team-a}
      spec: {finalizers: [kubernetes]}
      status: {phase: Active}
      """);
  private final ObjectNode teamB = yaml("""
      apiVersion: v1
      kind: Namespace
      metadata: {name: team-b, resourceVersion: "42", creationTimestamp: "2025-01-01T11:59:00Z"}
      status: {phase: Terminating}
      """);

  @Test
  void listWithMetadataRowsAsKubernetesSendsIt() {
    ObjectNode table = renderer.renderList("", "Namespace", List.of(teamA, teamB),
        new ListMeta(Optional.of("57"), Optional.of("tok"), Optional.of(3L)),
        TableOptions.v1(IncludeObject.METADATA));

    assertThat(compact(table)).isEqualTo(compact("""
        {"kind":"Table","apiVersion":"meta.k8s.io/v1",
         "metadata":{"resourceVersion":"57","continue":"tok","remainingItemCount":3},
         "columnDefinitions":[
           {"name":"Name","type":"string","format":"name","description":$NAME,"priority":0},
           {"name":"Status","type":"string","format":"","description":"The status of the namespace","priority":0},
           {"name":"Age","type":"string","format":"","description":$AGE,"priority":0}],
         "rows":[
           {"cells":["team-a","Active","60m"],
            "object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
              "metadata":{"name":"team-a","uid":"6b1e-aa","resourceVersion":"41",
                "creationTimestamp":"2025-01-01T11:00:00Z",
                "labels":{"kubernetes.io/metadata.name":"team-a"}}}},
           {"cells":["team-b","Terminating","60s"],
            "object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
              "metadata":{"name":"team-b","resourceVersion":"42",
                "creationTimestamp":"2025-01-01T11:59:00Z"}}}]}
        """));
  }

  @Test
  void emptyListKeepsColumnsAndHasNoRows() {
    ObjectNode table = renderer.renderList("", "Namespace", List.of(), ListMeta.of("9"),
        TableOptions.v1(IncludeObject.METADATA));
    assertThat(table.get("metadata")).isEqualTo(Json.MAPPER.readTree("{\"resourceVersion\":\"9\"}"));
    assertThat(table.get("columnDefinitions")).hasSize(3);
    assertThat(table.get("rows").isArray()).isTrue();
    assertThat(table.get("rows")).isEmpty();
  }

  @Test
  void includeObjectNoneLeavesANullObject() {
    ObjectNode table = renderer.renderList("", "Namespace", List.of(teamA), ListMeta.of("57"),
        TableOptions.v1(IncludeObject.NONE));
    JsonNode row = table.get("rows").get(0);
    assertThat(row.has("object")).isTrue();
    assertThat(row.get("object").isNull()).isTrue();
  }

  @Test
  void includeObjectObjectEmbedsTheWholeObject() {
    ObjectNode table = renderer.renderList("", "Namespace", List.of(teamA), ListMeta.of("57"),
        TableOptions.v1(IncludeObject.OBJECT));
    assertThat(table.get("rows").get(0).get("object")).isEqualTo(teamA);
  }

  @Test
  void singleObjectCarriesItsResourceVersion() {
    ObjectNode table = renderer.renderObject("", "Namespace", teamB,
        new TableOptions(IncludeObject.METADATA, TableOptions.V1BETA1));
    assertThat(table.get("apiVersion").asString()).isEqualTo("meta.k8s.io/v1beta1");
    assertThat(table.get("metadata")).isEqualTo(Json.MAPPER.readTree("{\"resourceVersion\":\"42\"}"));
    assertThat(table.get("rows").get(0).get("object").get("apiVersion").asString())
        .isEqualTo("meta.k8s.io/v1beta1");
    assertThat(table.get("columnDefinitions")).hasSize(3);
  }

  @Test
  void watchSendsColumnDefinitionsWithTheFirstEventOnly() {
    TableRenderer.WatchTables watch =
        renderer.forWatch("", "Namespace", TableOptions.v1(IncludeObject.METADATA));

    ObjectNode first = watch.next(teamA);
    ObjectNode second = watch.next(teamB);

    assertThat(first.get("columnDefinitions").isArray()).isTrue();
    assertThat(first.get("metadata").get("resourceVersion").asString()).isEqualTo("41");
    assertThat(second.has("columnDefinitions")).isTrue();
    assertThat(second.get("columnDefinitions").isNull()).isTrue();
    assertThat(second.get("metadata").get("resourceVersion").asString()).isEqualTo("42");
    assertThat(second.get("rows").get(0).get("cells").get(0).asString()).isEqualTo("team-b");
  }

  @Test
  void finishedPodRowsCarryConditionsAndNumbersStayNumbers() {
    ObjectNode pod = yaml("""
        metadata: {name: job-1, creationTimestamp: "2025-01-01T11:00:00Z"}
        spec: {containers: [{name: work}]}
        status:
          phase: Succeeded
          containerStatuses: [{name: work, state: {terminated: {exitCode: 0, reason: Completed}}}]
        """);
    ObjectNode table = renderer.renderObject("", "Pod", pod, TableOptions.v1(IncludeObject.NONE));
    JsonNode row = table.get("rows").get(0);
    assertThat(compact(row)).isEqualTo(compact("""
        {"cells":["job-1","0/1","Completed","0","60m","<none>","<none>","<none>","<none>"],
         "conditions":[{"type":"Completed","status":"True","reason":"Succeeded",
           "message":"The pod has completed successfully."}],
         "object":null}
        """));

    ObjectNode configMap = yaml("metadata: {name: c}\ndata: {a: b}");
    JsonNode cells = renderer.renderObject("", "ConfigMap", configMap,
        TableOptions.v1(IncludeObject.NONE)).get("rows").get(0).get("cells");
    assertThat(cells.get(1).isIntegralNumber()).isTrue();
    assertThat(cells.get(1).asLong()).isEqualTo(1L);
  }

  @Test
  void unknownKindsUseTheDefaultColumns() {
    ObjectNode widget = yaml("metadata: {name: w, creationTimestamp: \"2025-01-01T11:00:00Z\"}");
    ObjectNode table = renderer.renderObject("example.com", "Widget", widget,
        TableOptions.v1(IncludeObject.METADATA));
    assertThat(table.get("columnDefinitions").get(1).get("type").asString()).isEqualTo("date");
    assertThat(compact(table.get("rows").get(0).get("cells")))
        .isEqualTo("[\"w\",\"2025-01-01T11:00:00Z\"]");
  }

  @Test
  void includeObjectParameterIsCheckedLikeKubernetes() {
    assertThat(IncludeObject.parse(null)).isEqualTo(IncludeObject.METADATA);
    assertThat(IncludeObject.parse("")).isEqualTo(IncludeObject.METADATA);
    assertThat(IncludeObject.parse("None")).isEqualTo(IncludeObject.NONE);
    assertThat(IncludeObject.parse("Object")).isEqualTo(IncludeObject.OBJECT);
    assertThatThrownBy(() -> IncludeObject.parse("all"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo("unrecognized includeObject value: \"all\"");
        });
  }

  private static String compact(JsonNode node) {
    return Json.MAPPER.writeValueAsString(node);
  }

  private static String compact(String json) {
    String filled = json
        .replace("$NAME", Json.MAPPER.writeValueAsString(ColumnDescriptions.NAME))
        .replace("$AGE", Json.MAPPER.writeValueAsString(ColumnDescriptions.CREATION_TIMESTAMP));
    return Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(filled));
  }
}
