package io.capstan.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code capstan kubeconfig}: prints the admin kubeconfig the server wrote. */
@Command(name = "kubeconfig", mixinStandardHelpOptions = true,
    description = "Print the admin kubeconfig of a local server.")
final class KubeconfigCommand implements Callable<Integer> {

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The server's data directory (default: ~/.capstan).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    DataDir dir = new DataDir((dataDir == null ? DataDir.defaultRoot() : dataDir).toAbsolutePath());
    if (!Files.exists(dir.kubeconfig())) {
      System.err.println("capstan: no kubeconfig at " + dir.kubeconfig()
          + "; start the server with 'capstan server' first");
      return 1;
    }
    System.out.print(Files.readString(dir.kubeconfig(), StandardCharsets.UTF_8));
    return 0;
  }
}
