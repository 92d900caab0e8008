package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** kubectl config's view and edits of a kubeconfig. */
class KubeconfigTest {

  private static final String FILE = """
      apiVersion: v1
      kind: Config
      clusters:
      - name: prod
        cluster:
          server: https://prod:6443
          certificate-authority-data: QUJD
      - name: dev
        cluster:
          server: http://dev:8080
      users:
      - name: admin
        user:
          token: secret-token
          client-key-data: S0VZ
      contexts:
      - name: prod
        context: {cluster: prod, user: admin, namespace: web}
      - name: dev
        context: {cluster: dev, user: admin}
      current-context: prod
      """;

  @Test
  void viewSortsEntriesAndHidesSecrets() {
    String view = GoYaml.write(Kubeconfig.parse(FILE).view(false, false, Optional.empty()));
    assertThat(view).isEqualTo("""
        apiVersion: v1
        clusters:
        - cluster:
            server: http://dev:8080
          name: dev
        - cluster:
            certificate-authority-data: DATA+OMITTED
            server: https://prod:6443
          name: prod
        contexts:
        - context:
            cluster: dev
            user: admin
          name: dev
        - context:
            cluster: prod
            namespace: web
            user: admin
          name: prod
        current-context: prod
        kind: Config
        preferences: {}
        users:
        - name: admin
          user:
            client-key-data: DATA+OMITTED
            token: REDACTED
        """);
  }

  @Test
  void rawMinifiedViewKeepsTheCurrentContextOnly() {
    String view = GoYaml.write(Kubeconfig.parse(FILE).view(true, true, Optional.of("dev")));
    assertThat(view).contains("current-context: dev", "server: http://dev:8080")
        .doesNotContain("prod").contains("token: secret-token", "client-key-data: S0VZ");
  }

  @Test
  void minifyNeedsACurrentContext() {
    assertThatThrownBy(() -> Kubeconfig.parse("apiVersion: v1\nkind: Config\n")
        .view(true, false, Optional.empty()))
        .hasMessage("error: current-context must exist in order to minify");
  }

  @Test
  void useContextSwitchesOrFailsLikeKubectl() {
    Kubeconfig config = Kubeconfig.parse(FILE).useContext("dev");
    assertThat(config.currentContext()).contains("dev");
    assertThat(config.write()).contains("current-context: dev\n");
    assertThatThrownBy(() -> config.useContext("nope"))
        .hasMessage("error: no context exists with the name: \"nope\"");
  }

  @Test
  void setContextModifiesOrCreates() {
    Kubeconfig config = Kubeconfig.parse(FILE)
        .setContext("prod", Map.of("namespace", "kube-system"))
        .setContext("new", Map.of("cluster", "dev"));
    assertThat(config.context("prod").orElseThrow().path("context").path("namespace")
        .asString()).isEqualTo("kube-system");
    assertThat(config.write()).contains("""
        - context:
            cluster: dev
            user: ""
          name: new
        """);
  }

  @Test
  void contextTableMarksTheCurrentOne() {
    ContextTable table = new ContextTable(Kubeconfig.parse(FILE), false, false);
    // As kubectl's tab writer, an empty last cell leaves the padding of the one before.
    assertThat(table.render(List.of()).text()).isEqualTo(
        "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n"
            + "          dev    dev       admin      \n"
            + "*         prod   prod      admin      web\n");
    ContextTable.Result missing = table.render(List.of("nope"));
    assertThat(missing.error()).contains("error: context nope not found");
    assertThat(missing.text()).isEqualTo("CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n");
  }
}
