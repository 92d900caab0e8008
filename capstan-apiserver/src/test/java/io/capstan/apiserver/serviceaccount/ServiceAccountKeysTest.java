package io.capstan.apiserver.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountKeysTest {

  @TempDir
  Path tlsDir;

  @Test
  void createsAPrivateKeyFileAndReusesItOnRestart() throws Exception {
    ServiceAccountKeys first = ServiceAccountKeys.loadOrCreate(tlsDir);
    Path file = tlsDir.resolve("service-account.key");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
    ServiceAccountKeys again = ServiceAccountKeys.loadOrCreate(tlsDir);
    assertThat(again.keyId()).isEqualTo(first.keyId());
    assertThat(again.publicKey()).isEqualTo(first.publicKey());
    assertThat(first.keyId()).matches("[A-Za-z0-9_-]{43}");
    try (var listing = Files.list(tlsDir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly(
          "service-account.key");
    }
  }

  @Test
  void derivesThePublicKeyThatMatchesThePrivateOne() throws Exception {
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    var pair = generator.generateKeyPair();
    Files.writeString(tlsDir.resolve("service-account.key"),
        Pem.encodePrivateKey(pair.getPrivate()));

    assertThat(ServiceAccountKeys.loadOrCreate(tlsDir).publicKey()).isEqualTo(pair.getPublic());
  }

  @Test
  void refusesAKeyThatIsNotP256() throws Exception {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    Files.writeString(tlsDir.resolve("service-account.key"),
        Pem.encodePrivateKey(generator.generateKeyPair().getPrivate()));

    assertThatThrownBy(() -> ServiceAccountKeys.loadOrCreate(tlsDir))
        .hasMessageContaining("ECDSA P-256");
  }
}
