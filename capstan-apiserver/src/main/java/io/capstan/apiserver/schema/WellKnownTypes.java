package io.capstan.apiserver.schema;

import io.capstan.apiserver.schema.TypeSchema.FreeFormObject;
import io.capstan.apiserver.schema.TypeSchema.ObjectType;
import io.capstan.apiserver.schema.TypeSchema.Ref;
import io.capstan.apiserver.schema.TypeSchema.Scalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The definitions that are not read from a fabric8 class: types Kubernetes serializes as a string
 * (or a free-form object) whatever their Go structure, and the {@code autoscaling/v1} Scale types,
 * whose fabric8 module the API server does not depend on.
 */
public final class WellKnownTypes {

  public static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  public static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  public static final String TIME = DefinitionNames.META + "Time";
  public static final String MICRO_TIME = DefinitionNames.META + "MicroTime";
  public static final String FIELDS_V1 = DefinitionNames.META + "FieldsV1";
  public static final String PATCH = DefinitionNames.META + "Patch";
  public static final String DURATION = DefinitionNames.META + "Duration";
  public static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
  public static final String SCALE = "io.k8s.api.autoscaling.v1.Scale";
  public static final String SCALE_SPEC = "io.k8s.api.autoscaling.v1.ScaleSpec";
  public static final String SCALE_STATUS = "io.k8s.api.autoscaling.v1.ScaleStatus";
  public static final GroupVersionKind SCALE_KIND =
      new GroupVersionKind("autoscaling", "v1", "Scale");

  private WellKnownTypes() {}

  /** The string-encoded and free-form definitions, by name. */
  static Map<String, Definition> scalars() {
    var all = new LinkedHashMap<String, Definition>();
    put(all, INT_OR_STRING, new Scalar("string", "int-or-string", List.of("integer", "string"),
        "A value that is either a 32-bit integer or a string, e.g. a port number or name, or an"
            + " absolute number or percentage.",
        Map.of("x-kubernetes-int-or-string", true)));
    put(all, QUANTITY, new Scalar("string", "", List.of("string", "number"),
        "A fixed-point amount with an optional unit suffix, written as a string such as \"100m\","
            + " \"1.5Gi\" or \"2\": binary suffixes Ki, Mi, Gi, Ti, Pi, Ei; decimal suffixes m, k,"
            + " M, G, T, P, E; or a decimal exponent such as 1e3.",
        Map.of()));
    put(all, TIME, new Scalar("string", "date-time", List.of(),
        "A timestamp in RFC 3339 form with second precision, e.g. 2024-01-02T15:04:05Z.",
        Map.of()));
    put(all, MICRO_TIME, new Scalar("string", "date-time", List.of(),
        "A timestamp in RFC 3339 form with microsecond precision,"
            + " e.g. 2024-01-02T15:04:05.000000Z.",
        Map.of()));
    put(all, DURATION, new Scalar("string", "", List.of(),
        "A duration written as a Go duration string, e.g. \"1h30m\".", Map.of()));
    put(all, FIELDS_V1, new FreeFormObject(
        "The set of fields a field manager owns, in the structured-merge-diff \"fieldsV1\""
            + " encoding.", Map.of()));
    put(all, RAW_EXTENSION, new FreeFormObject(
        "An embedded object of any kind, kept as it was sent.", Map.of()));
    put(all, PATCH, new FreeFormObject(
        "The body of a PATCH request; its format is given by the request's Content-Type.",
        Map.of()));
    return all;
  }

  /** {@code autoscaling/v1} Scale, ScaleSpec and ScaleStatus, by name. */
  static Map<String, Definition> scale() {
    var all = new LinkedHashMap<String, Definition>();
    var scale = new LinkedHashMap<String, TypeSchema>();
    scale.put("apiVersion", new Scalar("string", "", List.of(),
        "The versioned schema of this representation of an object.", Map.of()));
    scale.put("kind", new Scalar("string", "", List.of(),
        "The REST resource this object represents.", Map.of()));
    scale.put("metadata", new Ref(DefinitionNames.META + "ObjectMeta", "Standard object metadata.",
        Map.of()));
    scale.put("spec", new Ref(SCALE_SPEC, "The desired scale of the object.", Map.of()));
    scale.put("status", new Ref(SCALE_STATUS, "The current scale of the object; read-only.",
        Map.of()));
    all.put(SCALE, new Definition(SCALE, new ObjectType(scale, List.of(),
        "The scale subresource of a resource that can be scaled.", Map.of()),
        List.of(SCALE_KIND)));
    var spec = new LinkedHashMap<String, TypeSchema>();
    spec.put("replicas", new Scalar("integer", "int32", List.of(),
        "The desired number of instances of the scaled object.", Map.of()));
    all.put(SCALE_SPEC, new Definition(SCALE_SPEC, new ObjectType(spec, List.of(),
        "The desired scale of a scalable resource.", Map.of()), List.of()));
    var status = new LinkedHashMap<String, TypeSchema>();
    status.put("replicas", new Scalar("integer", "int32", List.of(),
        "The actual number of observed instances of the scaled object.", Map.of()));
    status.put("selector", new Scalar("string", "", List.of(),
        "The label query over the pods counted in replicas, in label-selector string form.",
        Map.of()));
    all.put(SCALE_STATUS, new Definition(SCALE_STATUS, new ObjectType(status,
        List.of("replicas"), "The observed scale of a scalable resource.", Map.of()),
        List.of()));
    return all;
  }

  private static void put(Map<String, Definition> all, String name, TypeSchema schema) {
    all.put(name, new Definition(name, schema, List.of()));
  }
}
