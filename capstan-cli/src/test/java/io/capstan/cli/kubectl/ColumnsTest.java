package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsTest {

  private static final String TABLE = """
      {"kind":"Table","columnDefinitions":[
        {"name":"Name","type":"string","format":"name","priority":0},
        {"name":"Ready","type":"string","priority":0},
        {"name":"Restarts","type":"integer","priority":0},
        {"name":"IP","type":"string","priority":1}],
       "rows":[
        {"cells":["web-1","0/1",0,"10.0.0.1"],"object":{"metadata":{"namespace":"default"}}},
        {"cells":["a","1/1",12,"<none>"],"object":{"metadata":{"namespace":"kube-system"}}}]}
      """;

  @Test
  void padsEveryColumnButTheLastToItsWidestCellPlusThree() {
    String text = new Columns().add(List.of("NAME", "AGE")).add(List.of("kubernetes", "3m"))
        .render();
    assertThat(text).isEqualTo("NAME         AGE\nkubernetes   3m\n");
  }

  @Test
  void narrowColumnsAreSixWide() {
    assertThat(new Columns().add(List.of("A", "B")).render()).isEqualTo("A     B\n");
  }

  @Test
  void tableHidesWideColumnsAndUpperCasesHeaders() {
    String text = new TableFormatter(false, false).format(List.of(Json.MAPPER.readTree(TABLE)));
    assertThat(text).isEqualTo("""
        NAME    READY   RESTARTS
        web-1   0/1     0
        a       1/1     12
        """);
  }

  @Test
  void wideAndAllNamespacesAddColumns() {
    String text = new TableFormatter(true, true).format(List.of(Json.MAPPER.readTree(TABLE)));
    assertThat(text).isEqualTo("""
        NAMESPACE     NAME    READY   RESTARTS   IP
        default       web-1   0/1     0          10.0.0.1
        kube-system   a       1/1     12         <none>
        """);
  }
}
