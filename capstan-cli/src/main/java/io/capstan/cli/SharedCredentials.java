package io.capstan.cli;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.serviceaccount.ServiceAccountKeys;
import io.capstan.apiserver.tls.CertificateAuthority;
import io.capstan.apiserver.tls.SecureFiles;
import io.capstan.store.KeyValue;
import io.capstan.store.Store;
import io.capstan.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The credentials all servers on one shared datastore must agree on: the CA (certificate and key,
 * so that any server's kubeconfig and client certificates are trusted by every server), the
 * service-account signing key (a pod's token works against any server), the admin token and the
 * node join token. Each server keeps them in its data directory, where the API server reads them;
 * the first server to start also stores them under {@link Datastore#BOOTSTRAP_KEY} (create-if-
 * absent, so of two servers starting at once exactly one wins), and every later server, or one
 * that lost the race, replaces its own with the stored ones before the API server starts.
 *
 * <p>The serving certificate and the local node's certificates stay per server: they are issued
 * from the shared CA. The stored key holds private keys, as kube-apiserver's etcd holds Secrets:
 * etcd must be reachable only by the servers (client certificates, {@code --etcd-certfile}).
 */
final class SharedCredentials {

  private static final Logger LOG = LoggerFactory.getLogger(SharedCredentials.class);

  /** Files of the data directory that are shared, by their path relative to it. */
  private static final List<String> FILES = List.of(
      "tls/" + CertificateAuthority.CERTIFICATE_FILE,
      "tls/" + CertificateAuthority.KEY_FILE,
      "tls/" + ServiceAccountKeys.KEY_FILE,
      "admin-token",
      "node-token");
  private static final String PUBLIC_FILE = "tls/" + CertificateAuthority.CERTIFICATE_FILE;

  private SharedCredentials() {}

  /** Makes the data directory hold the cluster's credentials, creating them if it is the first. */
  static void sync(Store store, DataDir dir, RandomGenerator random) throws IOException {
    Optional<KeyValue> stored = store.get(Datastore.BOOTSTRAP_KEY);
    if (stored.isEmpty()) {
      byte[] local = encode(createLocally(dir, random));
      try {
        store.create(Datastore.BOOTSTRAP_KEY, local);
        LOG.info("stored the cluster's credentials in the datastore at {} for further servers",
            Datastore.BOOTSTRAP_KEY);
        return;
      } catch (StoreException.KeyExists raced) {
        LOG.info("another server stored the cluster's credentials first; using those");
        Map<String, String> shared = decode(store.get(Datastore.BOOTSTRAP_KEY)
            .orElseThrow(() -> new IllegalStateException(Datastore.BOOTSTRAP_KEY
                + " vanished from the datastore while starting")).value());
        writeLocally(dir, shared, false);
        return;
      }
    }
    writeLocally(dir, decode(stored.get().value()), true);
    LOG.info("using the cluster's credentials from the datastore ({})", Datastore.BOOTSTRAP_KEY);
  }

  /** What a server on its own would make on first start: the CA, the signing key, the tokens. */
  private static Map<String, String> createLocally(DataDir dir, RandomGenerator random)
      throws IOException {
    SecureFiles.createPrivateDirectories(dir.tls());
    CertificateAuthority.loadOrCreate(dir.tls(), Clock.systemUTC());
    ServiceAccountKeys.loadOrCreate(dir.tls());
    SecretFiles.token(dir.adminToken(), random);
    SecretFiles.token(dir.nodeToken(), random);
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : FILES) {
      files.put(name, Files.readString(dir.root().resolve(name), StandardCharsets.UTF_8));
    }
    return files;
  }

  /** Replaces this server's files with the shared ones, warning about any it had of its own. */
  private static void writeLocally(DataDir dir, Map<String, String> shared, boolean warn)
      throws IOException {
    SecureFiles.createPrivateDirectories(dir.tls());
    for (String name : FILES) {
      String content = shared.get(name);
      if (content == null) {
        throw new IllegalStateException(Datastore.BOOTSTRAP_KEY + " in the datastore lacks "
            + name);
      }
      Path file = dir.root().resolve(name);
      if (Files.exists(file)) {
        if (Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
          continue;
        }
        if (warn) {
          LOG.warn("replacing {} with the cluster's from the datastore", file);
        }
      }
      if (name.equals(PUBLIC_FILE)) {
        SecureFiles.writePublic(file, content);
      } else {
        SecretFiles.write(file, content);
      }
    }
  }

  private static byte[] encode(Map<String, String> files) {
    ObjectNode node = Json.object();
    files.forEach(node::put);
    return Json.MAPPER.writeValueAsBytes(node);
  }

  private static Map<String, String> decode(byte[] value) {
    ObjectNode node = (ObjectNode) Json.MAPPER.readTree(value);
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : FILES) {
      if (node.hasNonNull(name)) {
        files.put(name, node.get(name).asString());
      }
    }
    return files;
  }
}
