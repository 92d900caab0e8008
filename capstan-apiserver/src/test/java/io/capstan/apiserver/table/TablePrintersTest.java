package io.capstan.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class TablePrintersTest {

  /** The headers kubectl prints (upper-cased names), default and {@code -o wide}. */
  record Case(String group, String kind, String headers, String wideHeaders) {
    @Override
    public String toString() {
      return (group.isEmpty() ? "" : group + "/") + kind;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("", "Namespace", "NAME STATUS AGE", ""),
        new Case("", "Pod", "NAME READY STATUS RESTARTS AGE",
            "IP NODE NOMINATED NODE READINESS GATES"),
        new Case("", "ConfigMap", "NAME DATA AGE", ""),
        new Case("", "Secret", "NAME TYPE DATA AGE", ""),
        new Case("", "Service", "NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE", "SELECTOR"),
        new Case("", "Endpoints", "NAME ENDPOINTS AGE", ""),
        new Case("", "Node", "NAME STATUS ROLES AGE VERSION",
            "INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME"),
        new Case("", "Event", "LAST SEEN TYPE REASON OBJECT MESSAGE",
            "SUBOBJECT SOURCE FIRST SEEN COUNT NAME"),
        new Case("", "ServiceAccount", "NAME SECRETS AGE", ""),
        new Case("apps", "Deployment", "NAME READY UP-TO-DATE AVAILABLE AGE",
            "CONTAINERS IMAGES SELECTOR"),
        new Case("apps", "ReplicaSet", "NAME DESIRED CURRENT READY AGE",
            "CONTAINERS IMAGES SELECTOR"),
        new Case("coordination.k8s.io", "Lease", "NAME HOLDER AGE", ""),
        new Case("discovery.k8s.io", "EndpointSlice", "NAME ADDRESSTYPE PORTS ENDPOINTS AGE", ""),
        new Case("policy", "PodDisruptionBudget",
            "NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE", ""),
        new Case("apps", "StatefulSet", "NAME CREATED AT", ""),
        new Case("example.com", "Widget", "NAME CREATED AT", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void columnsMatchKubectl(Case c) {
    TablePrinter printer = TablePrinters.standard().forKind(c.group(), c.kind());
    assertThat(headers(printer.columns(), 0)).isEqualTo(c.headers());
    assertThat(headers(printer.columns(), 1)).isEqualTo(c.wideHeaders());
    assertThat(printer.columns()).allSatisfy(column -> {
      assertThat(column.description()).isNotBlank();
      assertThat(column.type()).isIn("string", "integer", "date");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyPrinterFillsEveryColumnOfAnEmptyObject(Case c) {
    TablePrinter printer = TablePrinters.standard().forKind(c.group(), c.kind());
    ObjectNode empty = TestObjects.yaml("{}");
    assertThat(printer.cells(empty, Instant.EPOCH)).hasSameSizeAs(printer.columns())
        .doesNotContainNull();
  }

  @Test
  void disruptionBudgetsShowTheirBoundsAndAllowance() {
    TablePrinter printer = TablePrinters.standard().forKind("policy", "PodDisruptionBudget");
    ObjectNode pdb = TestObjects.yaml("{metadata: {name: web}, spec: {maxUnavailable: '25%'},"
        + " status: {disruptionsAllowed: 1}}");
    assertThat(printer.cells(pdb, Instant.EPOCH).subList(0, 4))
        .containsExactly("web", "N/A", "25%", 1L);
  }

  @Test
  void nameColumnsAreFormattedAsNames() {
    TableColumn name = TablePrinters.standard().forKind("", "Pod").columns().getFirst();
    assertThat(name).isEqualTo(new TableColumn("Name", "string", "name",
        ColumnDescriptions.NAME, 0));
    assertThat(ColumnDescriptions.NAME).startsWith("Name must be unique within a namespace.");
  }

  @Test
  void addedPrintersDoNotChangeTheStandardSet() {
    TablePrinter custom = new NamespacePrinter();
    TablePrinters extended = TablePrinters.standard().with("example.com", "Widget", custom);
    assertThat(extended.forKind("example.com", "Widget")).isSameAs(custom);
    assertThat(TablePrinters.standard().forKind("example.com", "Widget"))
        .isSameAs(TablePrinters.defaultPrinter());
  }

  private static String headers(List<TableColumn> columns, int priority) {
    return String.join(" ", columns.stream()
        .filter(c -> c.priority() == priority)
        .map(c -> c.name().toUpperCase(Locale.ROOT))
        .toList());
  }
}
