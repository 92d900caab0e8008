package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import org.junit.jupiter.api.Test;

class GoYamlTest {

  @Test
  void writesAsKubectlDoes() {
    String json = """
        {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","labels":{},
         "annotations":{"n":"1","b":"true","t":"2026-11-25T18:51:19Z","s":"*","p":"25%",
         "m":"a\\nb\\n","e":""}},
         "spec":{"replicas":2,"list":[{"name":"c","args":["x","yes"]}],"empty":[]}}
        """;
    assertThat(GoYaml.write(Json.MAPPER.readTree(json))).isEqualTo("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          annotations:
            b: "true"
            e: ""
            m: |
              a
              b
            "n": "1"
            p: 25%
            s: '*'
            t: "2026-11-25T18:51:19Z"
          labels: {}
          name: web
        spec:
          empty: []
          list:
          - args:
            - x
            - "yes"
            name: c
          replicas: 2
        """);
  }

  @Test
  void foldsLongStringsPastColumnEighty() {
    String json = """
        {"message":"container has no command: the process runtime runs the container's command as a local process"}
        """;
    assertThat(GoYaml.write(Json.MAPPER.readTree(json))).isEqualTo("""
        message: 'container has no command: the process runtime runs the container''s command
          as a local process'
        """);
  }

  @Test
  void jsonIsGoIndented() {
    assertThat(GoJson.write(Json.MAPPER.readTree("{\"b\":[1,{}],\"a\":\"<x>\",\"c\":[]}")))
        .isEqualTo("{\n    \"a\": \"\\u003cx\\u003e\",\n    \"b\": [\n        1,\n"
            + "        {}\n    ],\n    \"c\": []\n}\n");
  }
}
