package io.capstan.e2e;

/** Deployment manifests for the rollout suites, as a user would write them. */
final class Manifests {

  private Manifests() {}

  /**
   * A Deployment {@code web} of {@code replicas} pods running image {@code web:v1}; {@code strategy}
   * is the YAML of {@code spec.strategy}, {@code extraSpec} more lines of {@code spec}.
   */
  static String deployment(int replicas, String strategy, String extraSpec) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: %d
          strategy: %s
        %s
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: web:v1
        """.formatted(replicas, strategy, extraSpec.indent(2).stripTrailing());
  }

  static String rollingUpdate(String maxSurge, String maxUnavailable) {
    return "{type: RollingUpdate, rollingUpdate: {maxSurge: %s, maxUnavailable: %s}}"
        .formatted(maxSurge, maxUnavailable);
  }
}
