package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class DescribeSectionsTest {

  record Case(String name, String json, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> selectors() {
    return Stream.of(
        new Case("empty", "{}", ""),
        new Case("labels sorted", "{\"matchLabels\":{\"b\":\"2\",\"a\":\"1\"}}", "a=1,b=2"),
        new Case("expressions among labels by key", """
            {"matchLabels":{"app":"web"},"matchExpressions":[
             {"key":"tier","operator":"In","values":["web","api"]},
             {"key":"env","operator":"NotIn","values":["dev"]},
             {"key":"zz","operator":"Exists"},{"key":"old","operator":"DoesNotExist"}]}""",
            "app=web,env notin (dev),!old,tier in (api,web),zz"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selectors")
  void formatsSelectorsAsLabelSelectorAsSelector(Case c) {
    assertThat(DescribeSections.selector(Json.MAPPER.readTree(c.json()))).isEqualTo(c.expected());
  }

  @Test
  void longAndMultiLineAnnotationsGoOnTheirOwnLinesAndLastAppliedIsHidden() {
    String longValue = "x".repeat(150);
    JsonNode annotations = Json.MAPPER.readTree("""
        {"a":"short","kubectl.kubernetes.io/last-applied-configuration":"{}",
         "long":"%s","multi":"one\\ntwo\\n"}""".formatted(longValue));
    DescribeWriter w = new DescribeWriter();
    DescribeSections.annotations(w, "", "Annotations", annotations);
    assertThat(w.render()).isEqualTo("Annotations:  a: short\n              long:\n"
        + "                " + "x".repeat(138) + "...\n"
        + "              multi:\n                one\n                two\n");
  }

  @Test
  void tolerationsShowOperatorsAndSeconds() {
    JsonNode tolerations = Json.MAPPER.readTree("""
        [{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute",
          "tolerationSeconds":300},
         {"key":"dedicated","operator":"Equal","value":"web","effect":"NoSchedule"},
         {"operator":"Exists"}]""");
    DescribeWriter w = new DescribeWriter();
    DescribeSections.tolerations(w, "Tolerations", tolerations);
    assertThat(w.render()).isEqualTo("""
        Tolerations:  op=Exists
                      dedicated=web:NoSchedule
                      node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
        """);
  }

  @Test
  void genericLabelsSplitCamelCaseAndKeepAcronyms() {
    assertThat(List.of("apiVersion", "uid", "creationTimestamp", "podCIDR", "a_b"))
        .map(GenericDescriber::label)
        .containsExactly("API Version", "UID", "Creation Timestamp", "Pod CIDR", "a_b");
  }

  @Test
  void serviceEndpointsShowThreeReadyOnesThenHowManyMore() {
    List<JsonNode> slices = new ArrayList<>();
    slices.add(Json.MAPPER.readTree("""
        {"ports":[{"name":"http","port":8080}],"endpoints":[
          {"addresses":["10.0.0.1"],"conditions":{"ready":true}},
          {"addresses":["10.0.0.2"],"conditions":{"ready":false}},
          {"addresses":["10.0.0.3"]},{"addresses":["10.0.0.4"]},{"addresses":["10.0.0.5"]}]}"""));
    assertThat(ServiceDescriber.endpoints(slices, "http"))
        .isEqualTo("10.0.0.1:8080,10.0.0.3:8080,10.0.0.4:8080 + 1 more...");
    assertThat(ServiceDescriber.endpoints(slices, "other")).isEmpty();
    assertThat(ServiceDescriber.endpoints(List.of(), "http")).isEqualTo("<none>");
  }
}
