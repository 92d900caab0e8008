package io.capstan.runtime.containerd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The layout tarball's structure; that containerd imports and runs it is the other tests' part. */
class OciImageWriterTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path temp;

  @Test
  void writesAnIndexedManifestWhoseBlobsMatchTheirDigests() throws Exception {
    Path busybox = Files.write(temp.resolve("busybox"), "not really busybox".getBytes(StandardCharsets.UTF_8));
    Path tarball = temp.resolve("image.tar");

    new OciImageWriter(busybox, List.of("sh", "sleep"))
        .write("capstan.local/tools:2", OciImageWriter.ImageConfig.pause(), tarball);

    Map<String, byte[]> files = untar(Files.readAllBytes(tarball));
    assertThat(JSON.readTree(files.get("oci-layout")).get("imageLayoutVersion").asString()).isEqualTo("1.0.0");
    JsonNode entry = JSON.readTree(files.get("index.json")).get("manifests").get(0);
    assertThat(entry.get("annotations").get("io.containerd.image.name").asString())
        .isEqualTo("capstan.local/tools:2");
    assertThat(entry.get("annotations").get("org.opencontainers.image.ref.name").asString()).isEqualTo("2");

    JsonNode manifest = JSON.readTree(blob(files, entry.get("digest").asString()));
    JsonNode config = JSON.readTree(blob(files, manifest.get("config").get("digest").asString()));
    assertThat(config.get("config").get("Entrypoint").toString()).isEqualTo("[\"/bin/sleep\",\"2147483647\"]");
    assertThat(config.get("os").asString()).isEqualTo("linux");

    String layerDigest = manifest.get("layers").get(0).get("digest").asString();
    assertThat(config.get("rootfs").get("diff_ids").get(0).asString()).isEqualTo(layerDigest);
    Map<String, byte[]> layer = untar(blob(files, layerDigest));
    assertThat(new String(layer.get("bin/busybox"), StandardCharsets.UTF_8)).isEqualTo("not really busybox");
    assertThat(layer).containsKeys("bin/sh", "bin/sleep", "etc/passwd", "tmp/");
  }

  @Test
  void theSameInputGivesTheSameBytes() throws Exception {
    Path busybox = Files.write(temp.resolve("busybox"), new byte[1000]);
    OciImageWriter writer = new OciImageWriter(busybox);

    writer.write("a:1", OciImageWriter.ImageConfig.shell(), temp.resolve("one.tar"));
    writer.write("a:1", OciImageWriter.ImageConfig.shell(), temp.resolve("two.tar"));

    assertThat(Files.readAllBytes(temp.resolve("one.tar"))).isEqualTo(Files.readAllBytes(temp.resolve("two.tar")));
  }

  /** The blob named by {@code digest}, checked against it. */
  private static byte[] blob(Map<String, byte[]> files, String digest) throws Exception {
    byte[] content = files.get("blobs/sha256/" + digest.substring("sha256:".length()));
    assertThat(content).as("blob %s", digest).isNotNull();
    assertThat("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
        .isEqualTo(digest);
    return content;
  }

  /** Entries by name (directories end in '/'; a link's content is its target). */
  private static Map<String, byte[]> untar(byte[] tar) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    int offset = 0;
    while (offset + 512 <= tar.length && tar[offset] != 0) {
      String name = field(tar, offset, 100);
      long size = Long.parseLong(field(tar, offset + 124, 12).trim(), 8);
      char type = (char) tar[offset + 156];
      byte[] content = type == '2'
          ? field(tar, offset + 157, 100).getBytes(StandardCharsets.UTF_8)
          : java.util.Arrays.copyOfRange(tar, offset + 512, offset + 512 + (int) size);
      entries.put(name, content);
      offset += 512 + (int) ((size + 511) / 512 * 512);
    }
    return entries;
  }

  private static String field(byte[] tar, int offset, int length) {
    int end = offset;
    while (end < offset + length && tar[end] != 0) {
      end++;
    }
    return new String(tar, offset, end - offset, StandardCharsets.UTF_8);
  }
}
