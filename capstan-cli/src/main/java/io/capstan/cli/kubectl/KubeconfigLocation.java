package io.capstan.cli.kubectl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which kubeconfig file to read, in kubectl's order of precedence: the {@code --kubeconfig} flag,
 * else the first existing file of {@code $KUBECONFIG}, else Capstan's own admin kubeconfig
 * ({@code ~/.capstan/kubeconfig.yaml}, so that {@code capstan kubectl} works right after
 * {@code capstan server} on the same machine), else {@code ~/.kube/config}.
 */
record KubeconfigLocation(Path capstanDefault, Path kubeDefault) {

  static KubeconfigLocation forHome(Path home) {
    return new KubeconfigLocation(home.resolve(".capstan").resolve("kubeconfig.yaml"),
        home.resolve(".kube").resolve("config"));
  }

  Path resolve(Optional<String> flag, Map<String, String> environment) {
    if (flag.isPresent() && !flag.get().isEmpty()) {
      return Path.of(flag.get());
    }
    String list = environment.getOrDefault("KUBECONFIG", "");
    for (String entry : list.split(":")) {
      if (!entry.isEmpty() && Files.exists(Path.of(entry))) {
        return Path.of(entry);
      }
    }
    return Files.exists(capstanDefault) ? capstanDefault : kubeDefault;
  }
}
