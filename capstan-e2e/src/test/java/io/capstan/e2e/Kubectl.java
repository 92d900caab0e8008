package io.capstan.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A kubectl pointed at a Capstan kubeconfig: the real kubectl 1.32 (on PATH, when the machine has
 * it), Debian's kubectl 1.20 (unpacked into .tools/ by bin/install-test-tools.sh), or
 * {@code capstan kubectl} from the binary under test. The same tests drive all of them;
 * {@code command} is what comes before kubectl's own arguments.
 */
record Kubectl(String name, List<String> command, Path kubeconfig) {

  Kubectl(String name, Path binary, Path kubeconfig) {
    this(name, List.of(binary.toString()), kubeconfig);
  }

  /** {@code capstan kubectl}, run from the jar under test with the JDK the tests run on. */
  static Kubectl capstan(Path kubeconfig) {
    List<String> command = new ArrayList<>(List.of(CapstanProcess.java()));
    command.addAll(KubectlArchive.jvmFlags());
    command.addAll(List.of("-jar", CapstanProcess.jar(), "kubectl"));
    return new Kubectl("capstan kubectl", List.copyOf(command), kubeconfig);
  }

  /** The real kubectls of this machine and then {@code capstan kubectl}. */
  static List<Kubectl> allClients(Path kubeconfig) {
    List<Kubectl> all = new ArrayList<>(available(kubeconfig));
    all.add(capstan(kubeconfig));
    return all;
  }

  /** The kubectl binaries of this machine, for a parameterized test; skips it when there are none. */
  static List<Kubectl> onThisMachine() {
    List<Kubectl> found = available(Path.of("unset"));
    org.junit.jupiter.api.Assumptions.assumeFalse(found.isEmpty(), "no kubectl on this machine");
    return found;
  }

  /** Runs kubectl and asserts that it succeeded, showing its output when it did not. */
  Result ok(String... args) throws IOException, InterruptedException {
    return okWithInput(null, args);
  }

  Result okWithInput(String stdin, String... args) throws IOException, InterruptedException {
    Result result = runWithInput(stdin, args);
    org.assertj.core.api.Assertions.assertThat(result.exitCode())
        .as(String.join(" ", args) + "\n" + result).isZero();
    return result;
  }

  /** A manifest from src/test/resources/seed. */
  static String seed(String file) throws IOException {
    try (var in = Kubectl.class.getResourceAsStream("/seed/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The kubectl binaries available on this machine. */
  static List<Kubectl> available(Path kubeconfig) {
    List<Kubectl> found = new ArrayList<>();
    newest().ifPresent(p -> found.add(new Kubectl("kubectl-1." + minorOf(p), p, kubeconfig)));
    Path debian = Path.of(System.getProperty("capstan.tools", "../.tools"))
        .resolve("kubectl-1.20/usr/bin/kubectl");
    if (Files.isExecutable(debian)) {
      found.add(new Kubectl("kubectl-1.20", debian.toAbsolutePath(), kubeconfig));
    }
    return found;
  }

  private static Optional<Path> newest() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate) && minorOf(candidate) >= 21) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static int minorOf(Path binary) {
    try {
      Process p = new ProcessBuilder(binary.toString(), "version", "--client", "-o", "json")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(20, TimeUnit.SECONDS);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"minor\":\\s*\"(\\d+)")
          .matcher(out);
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException | InterruptedException e) {
      return 0;
    }
  }

  Kubectl withKubeconfig(Path other) {
    return new Kubectl(name, command, other);
  }

  /** Runs kubectl with the arguments and optional standard input; waits up to a minute. */
  Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(commandLine(args));
    builder.environment().put("HOME", kubeconfig.getParent().toString());
    builder.environment().remove("KUBECONFIG");
    Path out = Files.createTempFile(kubeconfig.getParent(), "kubectl", ".out");
    Path err = Files.createTempFile(kubeconfig.getParent(), "kubectl", ".err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("kubectl " + String.join(" ", args) + " timed out");
    }
    Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return result;
  }

  Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  /** Starts kubectl without waiting, for {@code get -w}. */
  Process start(Path output, String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(commandLine(args)).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().put("HOME", kubeconfig.getParent().toString());
    return builder.start();
  }

  private List<String> commandLine(String... args) {
    List<String> line = new ArrayList<>(command);
    line.add("--kubeconfig=" + kubeconfig);
    line.addAll(List.of(args));
    return line;
  }

  @Override
  public String toString() {
    return name;
  }

  /** What one kubectl run printed. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
