package io.capstan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan image import|ls}: images for the containerd runtime without a registry. Images go
 * into containerd's {@code k8s.io} namespace, the only one its CRI plugin (and so the node agent)
 * sees. The work is done by containerd's own client, {@code ctr}, which Debian's containerd
 * package ships (k3s bundles the same tool as {@code k3s ctr}); it reads both docker-archive
 * tarballs ({@code docker save}) and OCI layouts (Jib's {@code jib:buildTar}).
 */
@Command(name = "image", mixinStandardHelpOptions = true,
    description = "Manage the images of the containerd runtime (no registry needed).",
    subcommands = {ImageCommand.Import.class, ImageCommand.Ls.class})
final class ImageCommand implements Runnable {

  static final String DEFAULT_ENDPOINT = "unix:///run/containerd/containerd.sock";
  static final String NAMESPACE = "k8s.io";

  @Override
  public void run() {
    System.err.println("capstan image: name a subcommand: import, ls");
  }

  /** Options every subcommand shares. */
  abstract static class ContainerdCommand implements Callable<Integer> {

    @Option(names = "--container-runtime-endpoint", paramLabel = "URL",
        defaultValue = DEFAULT_ENDPOINT,
        description = "containerd's socket (default: ${DEFAULT-VALUE}).")
    String endpoint;

    /** Runs {@code ctr} against the endpoint's k8s.io namespace; its output goes to ours. */
    int ctr(List<String> arguments) throws IOException, InterruptedException {
      Path socket = ContainerdOptions.socket(endpoint);
      if (!Files.exists(socket)) {
        System.err.println("capstan image: no containerd socket at " + socket
            + "; start containerd or pass --container-runtime-endpoint");
        return 1;
      }
      List<String> command = new ArrayList<>(List.of("ctr", "--address", socket.toString(),
          "--namespace", NAMESPACE));
      command.addAll(arguments);
      Process process;
      try {
        process = new ProcessBuilder(command).inheritIO().start();
      } catch (IOException e) {
        System.err.println("capstan image: containerd's ctr is not on PATH (install containerd)");
        return 1;
      }
      return process.waitFor();
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Load image tarballs (docker-archive or OCI layout) into containerd.")
  static final class Import extends ContainerdCommand {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Image tarballs.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
      for (Path file : files) {
        if (!Files.isRegularFile(file)) {
          System.err.println("capstan image: " + file + " is not a file");
          return 1;
        }
      }
      for (Path file : files) {
        int code = ctr(List.of("images", "import", file.toAbsolutePath().toString()));
        if (code != 0) {
          return code;
        }
      }
      return 0;
    }
  }

  @Command(name = "ls", mixinStandardHelpOptions = true,
      description = "List the images the containerd runtime can run.")
  static final class Ls extends ContainerdCommand {

    @Override
    public Integer call() throws Exception {
      return ctr(List.of("images", "ls"));
    }
  }
}
