package io.capstan.apiserver.resources.core;

import static io.capstan.apiserver.resources.Fixtures.assertOneError;
import static io.capstan.apiserver.resources.Fixtures.create;
import static io.capstan.apiserver.resources.Fixtures.messages;
import static io.capstan.apiserver.resources.Fixtures.update;
import static io.capstan.apiserver.resources.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.errors.FieldError.Type;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.Strategies;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class ConfigMapAndSecretTest {

  static ObjectNode cfg() {
    return yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cfg, namespace: t}
        data: {k: v, app.properties: "a=b"}
        """);
  }

  static ObjectNode data(ObjectNode o) {
    return (ObjectNode) o.get("data");
  }

  record Case(String name, Consumer<ObjectNode> change, String field, Type type, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalidConfigMaps() {
    return Stream.of(
        new Case("58 key with space", c -> data(c).put("my key", "x"), "data[my key]",
            Type.INVALID, "a valid config key must consist of alphanumeric characters, '-', '_'"
            + " or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for"
            + " validation is '[-._a-zA-Z0-9]+')"),
        new Case("58 key starting with dots", c -> data(c).put("..a", "x"), "data[..a]",
            Type.INVALID, "must not start with '..'"),
        new Case("key in both maps", c -> c.putObject("binaryData").put("k", "AAAA"), "data[k]",
            Type.INVALID, "duplicate of key present in binaryData"),
        new Case("binary value not base64", c -> c.putObject("binaryData").put("b", "@@@"),
            "binaryData[b]", Type.INVALID, "illegal base64 data at input byte 0"),
        new Case("57 one byte over the limit", c -> {
          data(c).removeAll();
          data(c).put("big", "x".repeat(1024 * 1024 + 1));
        }, "", Type.TOO_LONG, "may not be more than 1048576 bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConfigMaps")
  void rejectsConfigMaps(Case c) {
    ObjectNode cm = cfg();
    c.change().accept(cm);
    assertOneError(create("", "ConfigMap", true, cm), c.field(), c.type(), c.detail());
  }

  @Test
  void acceptsExactlyOneMebibyteAcrossDataAndBinaryData() {
    ObjectNode cm = cfg();
    data(cm).removeAll();
    data(cm).put("a", "x".repeat(1024 * 1024 - 3));
    cm.putObject("binaryData").put("b", Base64.getEncoder().encodeToString(new byte[3]));
    assertThat(messages(create("", "ConfigMap", true, cm))).isEmpty();
  }

  @Test
  void tooLongMessageOnTheWholeObject() {
    ObjectNode cm = cfg();
    data(cm).put("big", "x".repeat(1024 * 1024 + 1));
    List<FieldError> errs = create("", "ConfigMap", true, cm);
    assertThat(ApiException.invalid("", "ConfigMap", "cfg", errs).getMessage())
        .isEqualTo("ConfigMap \"cfg\" is invalid: Too long: may not be more than 1048576 bytes");
  }

  final ResourceStrategy configMaps = Strategies.mainFor("", "ConfigMap");

  ObjectNode immutableCfg() {
    ObjectNode cm = cfg().put("immutable", true);
    ((ObjectNode) cm.get("metadata")).put("uid", "u").put("resourceVersion", "1");
    return cm;
  }

  static Stream<Case> immutableChanges() {
    return Stream.of(
        new Case("59 changed data", c -> data(c).put("k", "v2"), "data", Type.FORBIDDEN,
            "field is immutable when `immutable` is set"),
        new Case("59 immutable set false", c -> c.put("immutable", false), "immutable",
            Type.FORBIDDEN, "field is immutable when `immutable` is set"),
        new Case("immutable removed", c -> c.remove("immutable"), "immutable", Type.FORBIDDEN,
            "field is immutable when `immutable` is set"),
        new Case("binary data added", c -> c.putObject("binaryData").put("b", "AAAA"),
            "binaryData", Type.FORBIDDEN, "field is immutable when `immutable` is set"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("immutableChanges")
  void protectsImmutableConfigMaps(Case c) {
    ObjectNode old = immutableCfg();
    ObjectNode cm = old.deepCopy();
    c.change().accept(cm);
    assertOneError(update(configMaps, cm, old), c.field(), c.type(), c.detail());
  }

  @Test
  void immutableConfigMapLabelsMayChange() {
    ObjectNode old = immutableCfg();
    ObjectNode cm = old.deepCopy();
    ((ObjectNode) cm.get("metadata")).putObject("labels").put("a", "b");
    assertThat(update(configMaps, cm, old)).isEmpty();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void mergesStringDataIntoDataAndDefaultsType() {
    ObjectNode secret = yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: s, namespace: t}
        data: {a: YQ==, b: Yg==}
        stringData: {b: "B!", c: "see"}
        """);
    assertThat(create("", "Secret", true, secret)).isEmpty();
    assertThat(secret.has("stringData")).isFalse();
    assertThat(secret.get("type").asString()).isEqualTo("Opaque");
    assertThat(secret.at("/data/a").asString()).isEqualTo("YQ==");
    assertThat(secret.at("/data/b").asString()).isEqualTo(b64("B!"));
    assertThat(secret.at("/data/c").asString()).isEqualTo(b64("see"));
    assertThat(Strategies.mainFor("", "Secret").selectableFields(secret))
        .containsEntry("type", "Opaque");
  }

  static Stream<Case> invalidSecrets() {
    return Stream.of(
        new Case("value not base64", s -> s.putObject("data").put("k", "not base64!"),
            "data[k]", Type.INVALID, "illegal base64 data at input byte 3"),
        new Case("bad key", s -> s.putObject("stringData").put("a/b", "x"), "data[a/b]",
            Type.INVALID, "a valid config key"),
        new Case("tls without key", s -> {
          s.put("type", "kubernetes.io/tls");
          s.putObject("data").put("tls.crt", b64("cert"));
        }, "data[tls.key]", Type.REQUIRED, ""),
        new Case("service account token without account", s -> s
            .put("type", "kubernetes.io/service-account-token"),
            "metadata.annotations[kubernetes.io/service-account.name]", Type.REQUIRED, ""),
        new Case("docker config not json", s -> {
          s.put("type", "kubernetes.io/dockerconfigjson");
          s.putObject("data").put(".dockerconfigjson", b64("{nope"));
        }, "data[.dockerconfigjson]", Type.INVALID, ""),
        new Case("basic auth without credentials", s -> s.put("type", "kubernetes.io/basic-auth"),
            "data[username]", Type.REQUIRED, ""),
        new Case("over a mebibyte", s -> s.putObject("data").put("big",
            Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1])), "data",
            Type.TOO_LONG, "may not be more than 1048576 bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSecrets")
  void rejectsSecrets(Case c) {
    ObjectNode secret = yaml("{apiVersion: v1, kind: Secret, metadata: {name: s, namespace: t}}");
    c.change().accept(secret);
    assertOneError(create("", "Secret", true, secret), c.field(), c.type(), c.detail());
  }

  @Test
  void secretTypeIsImmutableAndImmutableSecretsKeepTheirData() {
    ResourceStrategy secrets = Strategies.mainFor("", "Secret");
    ObjectNode old = yaml("""
        {apiVersion: v1, kind: Secret, type: Opaque, immutable: true,
         metadata: {name: s, namespace: t, uid: u, resourceVersion: "1"}, data: {a: YQ==}}
        """);
    ObjectNode secret = old.deepCopy();
    secret.put("type", "kubernetes.io/basic-auth");
    secret.putObject("stringData").put("username", "me");
    List<FieldError> errs = update(secrets, secret, old);
    assertOneError(errs, "type", Type.INVALID, "field is immutable");
    assertOneError(errs, "data", Type.FORBIDDEN, "field is immutable when `immutable` is set");
  }
}
