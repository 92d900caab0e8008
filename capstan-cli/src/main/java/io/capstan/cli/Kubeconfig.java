package io.capstan.cli;

/**
 * The admin kubeconfig: one cluster, one user, one context, all named {@code capstan}, in the
 * format kubectl and client libraries read.
 */
final class Kubeconfig {

  private Kubeconfig() {}

  static String render(String serverUrl, String token) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: capstan
          cluster:
            server: %s
        users:
        - name: capstan-admin
          user:
            token: %s
        contexts:
        - name: capstan
          context:
            cluster: capstan
            user: capstan-admin
            namespace: default
        current-context: capstan
        preferences: {}
        """.formatted(serverUrl, token);
  }
}
