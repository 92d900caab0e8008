package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServerErrorsTest {

  record Case(String name, int code, String body, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("not found", 404, """
            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,
             "message":"deployments.apps \\"web\\" not found",
             "details":{"name":"web","group":"apps","kind":"deployments"}}""",
            "Error from server (NotFound): deployments.apps \"web\" not found"),
        new Case("invalid, one cause", 422, """
            {"kind":"Status","reason":"Invalid","code":422,
             "message":"ConfigMap \\"Bad_Name\\" is invalid: metadata.name: Invalid value",
             "details":{"name":"Bad_Name","kind":"ConfigMap","causes":[
               {"reason":"FieldValueInvalid","message":"Invalid value: \\"Bad_Name\\": bad",
                "field":"metadata.name"}]}}""",
            "The ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": bad"),
        new Case("invalid, several causes", 422, """
            {"kind":"Status","reason":"Invalid","code":422,"message":"ignored",
             "details":{"name":"bad","group":"apps","kind":"Deployment","causes":[
               {"message":"Invalid value: -1: must be greater than or equal to 0",
                "field":"spec.replicas"},
               {"message":"Required value"}]}}""",
            "The Deployment \"bad\" is invalid: \n"
                + "* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n"
                + "* Required value"),
        new Case("invalid without a name", 422, """
            {"kind":"Status","reason":"Invalid","code":422,"message":"m",
             "details":{"causes":[{"message":"x","field":"f"}]}}""",
            "The request is invalid: f: x"),
        new Case("not a Status", 500, "boom\n", "Error from server: boom"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsWhatKubectlPrints(Case c) {
    assertThat(ServerErrors.describe(new Cluster.Reply(c.code(), c.body())))
        .isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aFileIsNamedExceptForInvalidObjects(Case c) {
    String described = WriteErrors.when("creating", "web.yaml",
        new Cluster.Reply(c.code(), c.body()));
    if (c.code() == 422) {
      assertThat(described).isEqualTo(c.expected());
    } else if (c.code() == 404) {
      assertThat(described).isEqualTo("Error from server (NotFound): error when creating "
          + "\"web.yaml\": deployments.apps \"web\" not found");
    }
  }
}
