package io.capstan.runtime.containerd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capstan.node.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private containerd for one test class: its own root, state, socket and CNI network (a bridge
 * with a random name on a random 10.88.x.0/24), with a busybox image built by
 * {@link OciImageWriter} and Capstan's {@link PauseImage} imported into the CRI namespace. Skips
 * the class when not root or when containerd is not installed. Teardown removes every sandbox,
 * stops containerd and the shims it started, unmounts what is left under its directory and
 * deletes the bridge.
 *
 * <p>{@link #forCapstan()} leaves the network and the images to {@code capstan server}: the CNI
 * configuration directory starts empty (see {@link #cniConfDir()}), no image is imported, and
 * teardown also deletes the service interface named by {@link #serviceInterface()}. Other
 * modules get the fixture from this module's test-jar.
 */
public final class ContainerdFixture implements BeforeAllCallback, AfterAllCallback {

  public static final String BUSYBOX_IMAGE = "docker.io/library/busybox:latest";
  public static final String PAUSE_IMAGE = PauseImage.NAME;

  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final boolean forCapstan;
  private Path dir;
  private Path socket;
  private String bridge;
  private String serviceInterface;
  private Process containerd;

  /** The fixture with its own network and images (the runtime's tests). */
  public ContainerdFixture() {
    this(false);
  }

  private ContainerdFixture(boolean forCapstan) {
    this.forCapstan = forCapstan;
  }

  /** A containerd for {@code capstan server} to configure (network, sandbox image). */
  public static ContainerdFixture forCapstan() {
    return new ContainerdFixture(true);
  }

  public Path socket() {
    return socket;
  }

  public Path directory() {
    return dir;
  }

  /** containerd's CNI configuration directory ({@code conf_dir}). */
  public Path cniConfDir() {
    return dir.resolve("cni");
  }

  /** A bridge name unique to this fixture, deleted at teardown. */
  public String bridge() {
    return bridge;
  }

  /** An interface name unique to this fixture, deleted at teardown. */
  public String serviceInterface() {
    return serviceInterface;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
        "containerd needs root");
    assumeTrue(onPath("containerd") && onPath("ctr"), "containerd is not installed");
    Path busybox = busybox();

    // Short: the socket path must fit a sockaddr_un (108 bytes).
    dir = Files.createTempDirectory(Path.of("/tmp"), "ctrd-");
    socket = dir.resolve("containerd.sock");
    int subnet = ThreadLocalRandom.current().nextInt(16, 250);
    String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())
        .substring(0, 6);
    bridge = "capbr" + suffix;
    serviceInterface = "capsv" + suffix;
    Path cni = Files.createDirectories(cniConfDir());
    if (!forCapstan) {
      Files.writeString(cni.resolve("10-capstan.conflist"), """
        {"cniVersion": "0.4.0", "name": "capstan-test", "plugins": [
          {"type": "bridge", "bridge": "%s", "isGateway": true, "ipMasq": false,
           "ipam": {"type": "host-local", "ranges": [[{"subnet": "10.88.%d.0/24"}]],
                    "dataDir": "%s"}}]}
        """.formatted(bridge, subnet, dir.resolve("ipam")));
    }
    Files.writeString(dir.resolve("config.toml"), """
        version = 2
        root = "%1$s/root"
        state = "%1$s/state"
        [grpc]
          address = "%2$s"
        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "%3$s"
          # containerd gives sandboxes oom_score_adj -998, which a containerd not running at
          # -999 or lower (as here, as a child of the test) may not set: clamp to its own.
          restrict_oom_score_adj = true
          # Network namespaces under the state directory, not /run/netns, so teardown finds them.
          netns_mounts_under_state_dir = true
          [plugins."io.containerd.grpc.v1.cri".cni]
            bin_dir = "/usr/lib/cni"
            conf_dir = "%4$s"
        """.formatted(dir, socket, PAUSE_IMAGE, cni));

    containerd = new ProcessBuilder("containerd", "--config", dir.resolve("config.toml").toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("containerd.log").toFile())
        .start();
    awaitReady();
    if (forCapstan) {
      return;
    }

    OciImageWriter writer = new OciImageWriter(busybox);
    importImage(writer, BUSYBOX_IMAGE, OciImageWriter.ImageConfig.shell());
    // Capstan's own pause image, as capstan server imports it.
    Path pause = dir.resolve("images").resolve("pause.tar");
    PauseImage.write(pause);
    run(List.of("ctr", "--address", socket.toString(), "-n", "k8s.io", "images", "import",
        pause.toString()), false);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (dir == null) {
      return;
    }
    try {
      if (containerd != null && containerd.isAlive()) {
        removeEverything();
        containerd.destroy();
        if (!containerd.waitFor(20, TimeUnit.SECONDS)) {
          containerd.destroyForcibly().waitFor();
        }
      }
      killShims();
      unmountAll();
      run(List.of("ip", "link", "delete", bridge), true);
      run(List.of("ip", "link", "delete", serviceInterface), true);
    } finally {
      keepLog(context);
      deleteTree(dir);
    }
  }

  /** containerd's log goes to the build directory, next to the test reports, for failures. */
  private void keepLog(ExtensionContext context) {
    try {
      Path target = Files.createDirectories(Path.of("target", "containerd-logs"));
      Files.copy(dir.resolve("containerd.log"),
          target.resolve(context.getRequiredTestClass().getSimpleName() + ".log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      System.err.println("cannot keep containerd's log: " + e.getMessage());
    }
  }

  private void awaitReady() throws Exception {
    Instant until = Instant.now().plus(STARTUP);
    RuntimeFailure last = null;
    while (Instant.now().isBefore(until)) {
      if (!containerd.isAlive()) {
        throw new IllegalStateException("containerd exited: " + log());
      }
      if (Files.exists(socket)) {
        try (CriClient cri = CriClient.connect(socket, Duration.ofSeconds(5))) {
          // Without a CNI network yet (Capstan writes it), only the runtime can be ready.
          var conditions = cri.status().getStatus().getConditionsList().stream()
              .filter(c -> !forCapstan || c.getType().equals("RuntimeReady")).toList();
          if (!conditions.isEmpty() && conditions.stream().allMatch(c -> c.getStatus())) {
            return;
          }
          last = new RuntimeFailure("NotReady", conditions.toString());
        } catch (RuntimeFailure e) {
          last = e;
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("containerd did not get ready: " + last + "\n" + log());
  }

  private void importImage(OciImageWriter writer, String name, OciImageWriter.ImageConfig config)
      throws Exception {
    Path tarball = dir.resolve("images").resolve(name.replaceAll("[/:]", "_") + ".tar");
    writer.write(name, config, tarball);
    run(List.of("ctr", "--address", socket.toString(), "-n", "k8s.io", "images", "import",
        tarball.toString()), false);
  }

  private void removeEverything() {
    try (CriClient cri = CriClient.connect(socket, Duration.ofSeconds(30))) {
      for (var sandbox : cri.listPodSandbox(java.util.Map.of())) {
        cri.stopPodSandbox(sandbox.getId());
        cri.removePodSandbox(sandbox.getId());
      }
    } catch (RuntimeFailure e) {
      System.err.println("cannot remove the test sandboxes: " + e.getMessage());
    }
  }

  /** Shims outlive containerd by design; only those serving this containerd are ours to kill. */
  private void killShims() throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String cmdline;
        try {
          cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
        } catch (IOException gone) {
          continue;
        }
        if (cmdline.contains("containerd-shim") && cmdline.contains(socket.toString())) {
          ProcessHandle.of(Long.parseLong(proc.getFileName().toString())).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    }
  }

  private void unmountAll() throws Exception {
    List<String> mounts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
      String target = line.split(" ")[1].replace("\\040", " ");
      if (target.startsWith(dir.toString())) {
        mounts.add(target);
      }
    }
    mounts.sort(Comparator.reverseOrder());
    for (String target : mounts) {
      run(List.of("umount", "-R", "-l", target), true);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          System.err.println("cannot delete " + path + ": " + e.getMessage());
        }
      }
    }
  }

  private String log() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("containerd.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void run(List<String> command, boolean mayFail) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (exit != 0 && !mayFail) {
      throw new IllegalStateException(String.join(" ", command) + " failed (" + exit + "): " + output);
    }
  }

  private static boolean onPath(String executable) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, executable)));
  }

  /** Debian's static busybox, which bin/install-test-tools.sh unpacks into the checkout's .tools. */
  public static Path busybox() {
    String configured = System.getProperty("capstan.busybox");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(".tools/busybox/bin/busybox");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no static busybox: run bin/install-test-tools.sh or set -Dcapstan.busybox=<path>");
  }
}
