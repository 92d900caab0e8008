package io.capstan.apiserver.schema;

import io.capstan.apiserver.schema.TypeSchema.ArrayOf;
import io.capstan.apiserver.schema.TypeSchema.Ref;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;

/**
 * Descriptions for the fields every kind has, where the upstream facts have none: the Java client
 * they are extracted from drops the description of any field whose type is another definition,
 * which are exactly {@code metadata}, {@code spec}, {@code status} and a list's {@code items}.
 */
final class StandardDescriptions {

  private StandardDescriptions() {}

  /** The description of field {@code json} of class {@code owner}, or empty. */
  static String of(Class<?> owner, String json, TypeSchema schema) {
    String kind = owner.getSimpleName();
    boolean isKind = HasMetadata.class.isAssignableFrom(owner);
    boolean isList = KubernetesResourceList.class.isAssignableFrom(owner);
    return switch (json) {
      case "metadata" -> schema instanceof Ref r && r.definition().endsWith(".ListMeta")
          ? "Standard list metadata."
          : schema instanceof Ref r && r.definition().endsWith(".ObjectMeta")
              ? "Standard object's metadata." : "";
      case "spec" -> isKind ? "Specification of the desired behavior of the " + kind + "." : "";
      case "status" -> isKind
          ? "Most recently observed status of the " + kind
              + ". Populated by the system. Read-only."
          : "";
      case "items" -> isList && schema instanceof ArrayOf a && a.items() instanceof Ref item
          ? "The list of " + item.definition().substring(item.definition().lastIndexOf('.') + 1)
              + " objects."
          : "";
      default -> "";
    };
  }
}
