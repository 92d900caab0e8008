package io.capstan.cli;

import io.capstan.apiserver.tls.Pem;
import io.capstan.store.Store;
import io.capstan.store.StoreException;
import io.capstan.store.etcd.EtcdStore;
import io.capstan.store.memory.MemoryStore;
import io.capstan.store.sqlite.SqliteStore;
import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine;

/**
 * {@code --datastore-endpoint}: {@code sqlite:PATH} (the default, in the data directory),
 * {@code etcd://host:port,...} (a cluster that several servers share; with TLS through
 * kube-apiserver's {@code --etcd-cafile}, {@code --etcd-certfile} and {@code --etcd-keyfile}) or
 * {@code memory:} (nothing survives a restart; for experiments).
 */
final class Datastore {

  /** Where a server on etcd finds the cluster's credentials; outside the API's /registry/. */
  static final String BOOTSTRAP_KEY = "/capstan/bootstrap";

  /** The TLS files for etcd; all empty means plaintext. */
  record EtcdTls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {
    boolean isEmpty() {
      return caFile.isEmpty() && certFile.isEmpty() && keyFile.isEmpty();
    }
  }

  private Datastore() {}

  /** Whether {@code endpoint} names a store other servers may share. */
  static boolean isShared(String endpoint) {
    return endpoint != null && endpoint.startsWith("etcd://");
  }

  static Store open(String endpoint, DataDir dataDir, EtcdTls tls, CommandLine commandLine) {
    if (!tls.isEmpty() && !isShared(endpoint)) {
      throw new CommandLine.ParameterException(commandLine,
          "--etcd-cafile, --etcd-certfile and --etcd-keyfile need --datastore-endpoint etcd://...");
    }
    if (endpoint == null || endpoint.isBlank()) {
      return SqliteStore.open(dataDir.database(), SqliteStore.Options.defaults());
    }
    if (endpoint.startsWith("sqlite:")) {
      String path = endpoint.substring("sqlite:".length());
      Path file = path.isBlank() ? dataDir.database() : Path.of(path);
      return SqliteStore.open(file.toAbsolutePath(), SqliteStore.Options.defaults());
    }
    if (endpoint.equals("memory:") || endpoint.equals("memory")) {
      return new MemoryStore();
    }
    if (isShared(endpoint)) {
      return openEtcd(endpoint, tls, commandLine);
    }
    throw new CommandLine.ParameterException(commandLine, "unsupported --datastore-endpoint '"
        + endpoint + "': use sqlite:PATH, etcd://HOST:PORT[,HOST:PORT...] or memory:");
  }

  private static Store openEtcd(String endpoint, EtcdTls tls, CommandLine commandLine) {
    EtcdStore.Options options;
    try {
      // Keys as kube-apiserver writes them: /registry/<resource>/...
      options = EtcdStore.Options.of(endpoint, "");
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine,
          "--datastore-endpoint '" + endpoint + "': " + e.getMessage());
    }
    if (!tls.isEmpty()) {
      options = options.withCredentials(credentials(tls, commandLine));
    }
    EtcdStore store = EtcdStore.open(options);
    try {
      store.status();
    } catch (StoreException e) {
      store.close();
      throw new IllegalStateException("cannot reach etcd at " + endpoint + ": "
          + e.getMessage(), e);
    }
    return store;
  }

  private static ChannelCredentials credentials(EtcdTls tls, CommandLine commandLine) {
    if (tls.certFile().isPresent() != tls.keyFile().isPresent()) {
      throw new CommandLine.ParameterException(commandLine,
          "--etcd-certfile and --etcd-keyfile go together");
    }
    try {
      TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
      if (tls.caFile().isPresent()) {
        KeyStore trusted = emptyKeyStore();
        List<X509Certificate> cas = Pem.decodeCertificates(read(tls.caFile().get(), commandLine));
        for (int i = 0; i < cas.size(); i++) {
          trusted.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory trust =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        builder.trustManager(trust.getTrustManagers());
      }
      if (tls.certFile().isPresent()) {
        List<X509Certificate> chain =
            Pem.decodeCertificates(read(tls.certFile().get(), commandLine));
        PrivateKey key = Pem.decodePrivateKey(read(tls.keyFile().get(), commandLine));
        KeyStore identity = emptyKeyStore();
        char[] password = new char[0];
        identity.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory keys =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, password);
        builder.keyManager(keys.getKeyManagers());
      }
      return builder.build();
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof CommandLine.ParameterException p) {
        throw p;
      }
      throw new CommandLine.ParameterException(commandLine,
          "the etcd TLS files cannot be used: " + e.getMessage());
    }
  }

  private static KeyStore emptyKeyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return store;
  }

  private static String read(Path file, CommandLine commandLine) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(commandLine, "cannot read " + file + ": " + e);
    }
  }
}
