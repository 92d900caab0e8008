package io.capstan.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodTemplateHashTest {

    static PodTemplateSpec template(Map<String, String> labels, String image) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image)
                .withNewResources().addToLimits("cpu", new Quantity("100m")).addToLimits("memory", new Quantity("64Mi"))
                .endResources().endContainer().endSpec()
                .build();
    }

    static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static final PodTemplateSpec BASE = template(ordered("app", "web", "tier", "front"), "nginx:1.27");

    record Case(String name, PodTemplateSpec other, Optional<Integer> collisionCount, boolean sameHash) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        PodTemplateSpec reordered = new PodTemplateSpecBuilder()
                .withNewSpec().addNewContainer().withImage("nginx:1.27").withName("web")
                .withNewResources().addToLimits("memory", new Quantity("64Mi")).addToLimits("cpu", new Quantity("100m"))
                .endResources().endContainer().endSpec()
                .withNewMetadata().withLabels(ordered("tier", "front", "app", "web")).endMetadata()
                .build();
        PodTemplateSpec emptyAnnotations = new PodTemplateSpecBuilder(BASE).editMetadata().withAnnotations(Map.of())
                .endMetadata().build();
        return Stream.of(
                new Case("same template", template(ordered("app", "web", "tier", "front"), "nginx:1.27"),
                        Optional.empty(), true),
                new Case("field and key order do not matter", reordered, Optional.empty(), true),
                new Case("empty map equals absent map", emptyAnnotations, Optional.empty(), true),
                new Case("image change", template(ordered("app", "web", "tier", "front"), "nginx:1.28"),
                        Optional.empty(), false),
                new Case("label change", template(ordered("app", "web", "tier", "back"), "nginx:1.27"),
                        Optional.empty(), false),
                new Case("collision count 0 differs from none", BASE, Optional.of(0), false),
                new Case("collision count 1 differs from none", BASE, Optional.of(1), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hashesCanonically(Case c) {
        String base = PodTemplateHash.compute(BASE, Optional.empty());
        String other = PodTemplateHash.compute(c.other(), c.collisionCount());
        assertThat(other.equals(base)).isEqualTo(c.sameHash());
        assertThat(other).matches("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$").matches("^[4-9bcdf]{1,10}$");
    }

    @Test
    void collisionCountsGiveDistinctHashes() {
        assertThat(Stream.of(1, 2, 3, 4).map(n -> PodTemplateHash.compute(BASE, Optional.of(n))).distinct())
                .hasSize(4);
    }

    @Test
    void encodesDigitsLikeSafeEncodeString() {
        assertThat(PodTemplateHash.safeEncode("1234567890")).isEqualTo("56789bcdf4");
    }

    @Test
    void usesFnv1a32() {
        assertThat(PodTemplateHash.fnv(0x811c9dc5, new byte[0])).isEqualTo(0x811c9dc5);
        assertThat(PodTemplateHash.fnv(0x811c9dc5, "a".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xe40c292c);
        assertThat(PodTemplateHash.fnv(0x811c9dc5, "foobar".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xbf9cf968);
    }

    @Test
    void canonicalFormIsCompactSortedAndPruned() {
        assertThat(PodTemplateHash.canonicalJson(new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(ordered("b", "2", "a", "1")).withAnnotations(Map.of()).endMetadata()
                .build())).isEqualTo("{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}}}");
    }

    record EqualCase(String name, PodTemplateSpec a, PodTemplateSpec b, boolean equal) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<EqualCase> equalities() {
        PodTemplateSpec hashed = template(ordered("app", "web", "tier", "front", PodTemplateHash.LABEL, "5d8f7c9b64"), "nginx:1.27");
        PodTemplateSpec otherHash = template(ordered("app", "web", "tier", "front", PodTemplateHash.LABEL, "4b6c"), "nginx:1.27");
        return Stream.of(
                new EqualCase("hash label on one side only", BASE, hashed, true),
                new EqualCase("different hash labels", hashed, otherHash, true),
                new EqualCase("different image", hashed, template(ordered("app", "web", "tier", "front"), "nginx:1.28"),
                        false),
                new EqualCase("extra label", BASE, template(ordered("app", "web", "tier", "front", "x", "y"), "nginx:1.27"),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("equalities")
    void comparesTemplatesIgnoringTheHashLabel(EqualCase c) {
        Map<String, String> labelsBefore = Map.copyOf(c.b().getMetadata().getLabels());
        assertThat(PodTemplateHash.equalIgnoreHash(c.a(), c.b())).isEqualTo(c.equal());
        assertThat(PodTemplateHash.equalIgnoreHash(c.b(), c.a())).isEqualTo(c.equal());
        assertThat(c.b().getMetadata().getLabels()).as("inputs are not modified").isEqualTo(labelsBefore);
    }

    @Test
    void namesReplicaSetsAndLabelsThem() {
        String hash = PodTemplateHash.compute(BASE, Optional.empty());
        assertThat(PodTemplateHash.replicaSetName("web", hash)).isEqualTo("web-" + hash);
        assertThat(PodTemplateHash.withHashLabel(Map.of("app", "web"), hash))
                .containsExactlyInAnyOrderEntriesOf(Map.of("app", "web", PodTemplateHash.LABEL, hash));
    }
}
