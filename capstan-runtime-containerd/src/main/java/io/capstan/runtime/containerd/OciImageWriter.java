package io.capstan.runtime.containerd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a single-layer image from a static busybox and writes it as an OCI image layout tarball
 * ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/...}), the format
 * {@code ctr images import} reads: no registry is needed to get an image onto a node. The layer is
 * uncompressed; {@code /bin} holds busybox and a link per applet, {@code /etc} a root user. The
 * index names the image with containerd's {@code io.containerd.image.name} annotation, so the
 * import tags it under that name.
 */
public final class OciImageWriter {

  /** The applets a shell-scripted container and a pause container need. */
  public static final List<String> DEFAULT_APPLETS = List.of(
      "sh", "ash", "cat", "cp", "date", "echo", "env", "false", "grep", "head", "hostname", "id",
      "kill", "ln", "ls", "mkdir", "mount", "mv", "nc", "printf", "ps", "pwd", "rm", "sed", "sleep",
      "sort", "tail", "tee", "test", "touch", "true", "uname", "wc", "wget", "[");

  private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
  private static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
  private static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the image runs by default: entrypoint, cmd and environment, as in an image config. */
  public record ImageConfig(List<String> entrypoint, List<String> cmd, List<String> env) {
    public ImageConfig {
      entrypoint = List.copyOf(entrypoint);
      cmd = List.copyOf(cmd);
      env = List.copyOf(env);
    }

    /** A shell by default, with the usual PATH. */
    public static ImageConfig shell() {
      return new ImageConfig(List.of(), List.of("/bin/sh"), List.of("PATH=" + DEFAULT_PATH));
    }

    /**
     * A pod sandbox's pause container: sleeps until killed. It runs as PID 1 of the sandbox, where
     * SIGTERM has no default action, so the runtime's kill is what ends it.
     */
    public static ImageConfig pause() {
      return new ImageConfig(List.of("/bin/sleep", "2147483647"), List.of(), List.of("PATH=" + DEFAULT_PATH));
    }
  }

  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Path busybox;
  private final List<String> applets;

  public OciImageWriter(Path busybox) {
    this(busybox, DEFAULT_APPLETS);
  }

  public OciImageWriter(Path busybox, List<String> applets) {
    this.busybox = busybox;
    this.applets = List.copyOf(applets);
  }

  /**
   * Writes the image named {@code name} (a full reference such as
   * {@code docker.io/library/busybox:latest}) to {@code tarball}.
   */
  public void write(String name, ImageConfig config, Path tarball) throws IOException {
    writeImage(name, config, layer(), tarball);
  }

  /** Writes an image of one uncompressed layer ({@code layer}, a tar archive) to {@code tarball}. */
  static void writeImage(String name, ImageConfig config, byte[] layer, Path tarball)
      throws IOException {
    String layerDigest = sha256(layer);
    byte[] imageConfig = json(imageConfig(config, layerDigest));
    String configDigest = sha256(imageConfig);

    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MANIFEST_TYPE);
    manifest.put("config", descriptor(CONFIG_TYPE, configDigest, imageConfig.length));
    manifest.put("layers", List.of(descriptor(LAYER_TYPE, layerDigest, layer.length)));
    byte[] manifestBytes = json(manifest);
    String manifestDigest = sha256(manifestBytes);

    Map<String, Object> manifestRef = descriptor(MANIFEST_TYPE, manifestDigest, manifestBytes.length);
    manifestRef.put("annotations", Map.of(
        "io.containerd.image.name", name,
        "org.opencontainers.image.ref.name", tagOf(name)));
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("manifests", List.of(manifestRef));

    Files.createDirectories(tarball.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(tarball)) {
      TarWriter tar = new TarWriter(out);
      tar.file("oci-layout", 0644, json(Map.of("imageLayoutVersion", "1.0.0")));
      tar.file("index.json", 0644, json(index));
      tar.directory("blobs", 0755);
      tar.directory("blobs/sha256", 0755);
      tar.file(blobPath(layerDigest), 0644, layer);
      tar.file(blobPath(configDigest), 0644, imageConfig);
      tar.file(blobPath(manifestDigest), 0644, manifestBytes);
      tar.finish();
    }
  }

  private byte[] layer() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TarWriter tar = new TarWriter(bytes);
    for (String dir : List.of("bin", "dev", "etc", "proc", "root", "sys", "usr", "usr/bin", "var")) {
      tar.directory(dir, 0755);
    }
    tar.directory("tmp", 01777);
    tar.file("bin/busybox", 0755, Files.readAllBytes(busybox));
    for (String applet : applets) {
      tar.symlink("bin/" + applet, "busybox");
    }
    tar.file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    tar.file("etc/group", 0644, "root:x:0:\nnogroup:x:65534:\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    tar.finish();
    return bytes.toByteArray();
  }

  private static Map<String, Object> imageConfig(ImageConfig config, String layerDigest) {
    Map<String, Object> runConfig = new LinkedHashMap<>();
    runConfig.put("Env", config.env());
    if (!config.entrypoint().isEmpty()) {
      runConfig.put("Entrypoint", config.entrypoint());
    }
    if (!config.cmd().isEmpty()) {
      runConfig.put("Cmd", config.cmd());
    }
    runConfig.put("WorkingDir", "/");
    Map<String, Object> image = new LinkedHashMap<>();
    image.put("architecture", architecture());
    image.put("os", "linux");
    image.put("config", runConfig);
    image.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(layerDigest)));
    return image;
  }

  private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("mediaType", mediaType);
    descriptor.put("digest", digest);
    descriptor.put("size", size);
    return descriptor;
  }

  /** The OCI platform name of this JVM's machine, which is the machine the image runs on. */
  static String architecture() {
    return switch (System.getProperty("os.arch")) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> System.getProperty("os.arch");
    };
  }

  private static String tagOf(String name) {
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    return colon > slash ? name.substring(colon + 1) : "latest";
  }

  private static String blobPath(String digest) {
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }

  private static byte[] json(Object value) {
    return JSON.writeValueAsBytes(value);
  }

  private static String sha256(byte[] content) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
