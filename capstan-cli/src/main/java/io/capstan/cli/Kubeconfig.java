package io.capstan.cli;

/**
 * The admin kubeconfig: one cluster (the server's HTTPS URL and the CA that certifies it), one
 * user (the admin token), one context, in the format kubectl and client libraries read.
 */
final class Kubeconfig {

  private Kubeconfig() {}

  static String render(String serverUrl, String certificateAuthorityData, String token) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: capstan
          cluster:
            server: %s
            certificate-authority-data: %s
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
        """.formatted(serverUrl, certificateAuthorityData, token);
  }
}
