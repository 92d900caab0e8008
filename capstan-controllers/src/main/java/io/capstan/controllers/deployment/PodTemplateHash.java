package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code pod-template-hash} label value of a Deployment's pod template (upstream {@code controller.ComputeHash}),
 * template equality that ignores that label ({@code EqualIgnoreHash}) and ReplicaSet naming.
 *
 * <p>Upstream hashes Go's spew dump of the typed template, which cannot be reproduced outside Go; the label value is
 * opaque to clients, so only its properties matter: stable for a given template, different for different templates and
 * collision counts, and in the same alphabet. We therefore hash a canonical JSON form instead: object keys sorted,
 * no whitespace, and nulls, empty objects and empty arrays dropped at every level (Kubernetes treats nil and empty
 * collections as semantically equal, so {@code labels: {}} and no labels hash alike). Over those UTF-8 bytes we run
 * FNV-1a 32-bit, then, as upstream does, append the collision count (when set) as a little-endian uint32 followed by
 * four zero bytes, so that a count of 0 differs from none. The decimal form of the sum is rendered through
 * {@code rand.SafeEncodeString}, which maps each digit into {@code bcdfghjklmnpqrstvwxz2456789}.
 */
public final class PodTemplateHash {
    public static final String LABEL = "pod-template-hash";
    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private PodTemplateHash() {
    }

    /** The label value for {@code template} given the Deployment's {@code status.collisionCount}. */
    public static String compute(PodTemplateSpec template, Optional<Integer> collisionCount) {
        int hash = FNV_OFFSET;
        hash = fnv(hash, canonicalJson(template).getBytes(StandardCharsets.UTF_8));
        if (collisionCount.isPresent()) {
            int c = collisionCount.get();
            hash = fnv(hash, new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), 0, 0, 0, 0});
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    /** {@code EqualIgnoreHash}: the templates are semantically equal once the pod-template-hash label is removed. */
    public static boolean equalIgnoreHash(PodTemplateSpec a, PodTemplateSpec b) {
        return canonicalJson(withoutHashLabel(a)).equals(canonicalJson(withoutHashLabel(b)));
    }

    /** A ReplicaSet of a Deployment is named {@code <deployment>-<hash>}, never truncated. */
    public static String replicaSetName(String deploymentName, String hash) {
        return deploymentName + "-" + hash;
    }

    /** {@code labels} plus {@code pod-template-hash=<hash>}, for the ReplicaSet, its selector and its pod template. */
    public static Map<String, String> withHashLabel(Map<String, String> labels, String hash) {
        Map<String, String> result = new HashMap<>(labels == null ? Map.of() : labels);
        result.put(LABEL, hash);
        return result;
    }

    /** {@code rand.SafeEncodeString}: each character {@code c} becomes {@code alphabet[c % 27]}. */
    static String safeEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.chars().forEach(c -> out.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length())));
        return out.toString();
    }

    static int fnv(int hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** The canonical form described in the class comment. */
    static String canonicalJson(PodTemplateSpec template) {
        StringBuilder out = new StringBuilder();
        JsonNode tree = prune(MAPPER.valueToTree(template));
        write(tree == null ? MAPPER.createObjectNode() : tree, out);
        return out.toString();
    }

    private static PodTemplateSpec withoutHashLabel(PodTemplateSpec template) {
        if (template.getMetadata() == null || template.getMetadata().getLabels() == null
                || !template.getMetadata().getLabels().containsKey(LABEL)) {
            return template;
        }
        PodTemplateSpec copy = MAPPER.convertValue(template, PodTemplateSpec.class);
        copy.getMetadata().getLabels().remove(LABEL);
        return copy;
    }

    /** Drops nulls and empty containers bottom-up; returns null when the node itself is dropped. */
    private static JsonNode prune(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode result = MAPPER.createObjectNode();
            node.properties().forEach(e -> {
                JsonNode child = prune(e.getValue());
                if (child != null) {
                    result.set(e.getKey(), child);
                }
            });
            return result.isEmpty() ? null : result;
        }
        if (node.isArray()) {
            var result = MAPPER.createArrayNode();
            // Elements are kept even when empty, so that list positions stay meaningful.
            node.forEach(e -> {
                JsonNode child = prune(e);
                result.add(child == null ? MAPPER.createObjectNode() : child);
            });
            return result.isEmpty() ? null : result;
        }
        return node;
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            String sep = "";
            for (String key : node.propertyNames().stream().sorted().toList()) {
                out.append(sep).append(MAPPER.writeValueAsString(key)).append(':');
                write(node.get(key), out);
                sep = ",";
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(MAPPER.writeValueAsString(node));
        }
    }
}
