package io.capstan.apiserver.resources.podlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class PodLogLocationTest {

  private static JsonNode json(String text) {
    return Json.MAPPER.readTree(text.replace('\'', '"'));
  }

  private static JsonNode pod(String spec, String status) {
    return json("{'metadata':{'name':'web'},'spec':" + spec + ",'status':" + status + "}");
  }

  private static final String TWO = "{'initContainers':[{'name':'init'}],"
      + "'containers':[{'name':'a'},{'name':'b'}],'ephemeralContainers':[{'name':'debug'}]}";

  record ChoiceCase(String name, String spec, Optional<String> requested, String expected,
      String error) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ChoiceCase> choices() {
    return Stream.of(
        new ChoiceCase("the only container", "{'containers':[{'name':'app'}]}", Optional.empty(),
            "app", null),
        new ChoiceCase("a named regular container", TWO, Optional.of("b"), "b", null),
        new ChoiceCase("a named init container", TWO, Optional.of("init"), "init", null),
        new ChoiceCase("a named ephemeral container", TWO, Optional.of("debug"), "debug", null),
        new ChoiceCase("several and none named", TWO, Optional.empty(), null,
            "a container name must be specified for pod web, choose one of: [init a b debug]"),
        new ChoiceCase("no containers", "{}", Optional.empty(), null,
            "a container name must be specified for pod web"),
        new ChoiceCase("an unknown name", TWO, Optional.of("x"), null,
            "container x is not valid for pod web"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("choices")
  void choosesTheContainer(ChoiceCase c) {
    JsonNode pod = pod(c.spec(), "{}");
    if (c.error() == null) {
      assertThat(PodLogLocation.container(pod, c.requested())).isEqualTo(c.expected());
    } else {
      assertBadRequest(() -> PodLogLocation.container(pod, c.requested()), c.error());
    }
  }

  record StateCase(String name, String status, boolean previous, String error) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<StateCase> states() {
    String q = "container \"app\" in pod \"web\"";
    return Stream.of(
        new StateCase("running", "{'state':{'running':{}}}", false, null),
        new StateCase("terminated", "{'state':{'terminated':{'containerID':'c://1'}}}", false,
            null),
        new StateCase("terminated without id, last one has one", "{'state':{'terminated':{}},"
            + "'lastState':{'terminated':{'containerID':'c://0'}}}", false, null),
        new StateCase("terminated without any id", "{'state':{'terminated':{}}}", false,
            q + " is terminated"),
        new StateCase("waiting after a crash", "{'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
            + "'lastState':{'terminated':{'containerID':'c://0'}}}", false, null),
        new StateCase("creating", "{'state':{'waiting':{'reason':'ContainerCreating'}}}", false,
            q + " is waiting to start: ContainerCreating"),
        new StateCase("image pull", "{'state':{'waiting':{'reason':'ErrImagePull'}}}", false,
            q + " is waiting to start: image can't be pulled"),
        new StateCase("image back-off", "{'state':{'waiting':{'reason':'ImagePullBackOff'}}}",
            false, q + " is waiting to start: trying and failing to pull image"),
        new StateCase("no state", "{}", false, q + " is waiting to start - no logs yet"),
        new StateCase("previous after a restart", "{'state':{'running':{}},"
            + "'lastState':{'terminated':{'containerID':'c://0'}}}", true, null),
        new StateCase("previous never restarted", "{'state':{'running':{}}}", true,
            "previous terminated " + q + " not found"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void requiresALog(StateCase c) {
    String status = "{'containerStatuses':[{'name':'app'" + (c.status().equals("{}") ? "" : ","
        + c.status().substring(1, c.status().length() - 1)) + "}]}";
    JsonNode pod = pod("{'containers':[{'name':'app'}]}", status);
    if (c.error() == null) {
      PodLogLocation.requireLog(pod, "app", c.previous());
    } else {
      assertBadRequest(() -> PodLogLocation.requireLog(pod, "app", c.previous()), c.error());
    }
  }

  @Test
  void aContainerWithoutStatusIsNotAvailable() {
    assertBadRequest(() -> PodLogLocation.requireLog(
        pod("{'containers':[{'name':'app'}]}", "{}"), "app", false),
        "container \"app\" in pod \"web\" is not available");
  }

  @Test
  void findsTheNodeEndpoint() {
    JsonNode node = json("{'status':{'addresses':[{'type':'Hostname','address':'n1'},"
        + "{'type':'InternalIP','address':'10.0.0.5'}],"
        + "'daemonEndpoints':{'kubeletEndpoint':{'Port':10250}}}}");
    assertThat(PodLogLocation.endpoint(node, "web"))
        .isEqualTo(new PodLogLocation.NodeEndpoint("10.0.0.5", 10250));
    JsonNode hostOnly = json("{'status':{'addresses':[{'type':'Hostname','address':'n1'}],"
        + "'daemonEndpoints':{'kubeletEndpoint':{'Port':7}}}}");
    assertThat(PodLogLocation.endpoint(hostOnly, "web"))
        .isEqualTo(new PodLogLocation.NodeEndpoint("n1", 7));
    assertBadRequest(() -> PodLogLocation.endpoint(json("{'status':{'addresses':"
        + "[{'type':'InternalIP','address':'10.0.0.5'}]}}"), "web"),
        "pod \"web\" is running on a node without a log endpoint");
  }

  private static void assertBadRequest(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.code()).isEqualTo(400);
      assertThat(e.status().getMessage()).isEqualTo(message);
    });
  }
}
