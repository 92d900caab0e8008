package io.capstan.apiserver.schema;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.schema.TypeSchema.ObjectType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * A one-off tool, not a test: extracts {@code upstream-types.json} (descriptions, required fields,
 * timestamp and base64 formats) from the Kubernetes Java client's model classes, whose runtime
 * annotations carry the upstream OpenAPI descriptions. That client is deliberately not a
 * dependency of Capstan; fetch it into a directory and point this tool at it:
 *
 * <pre>
 *   # a throw-away pom depending on io.kubernetes:client-java-api:22.0.1 (Kubernetes 1.32), then
 *   ./mvnw -f /tmp/cj/pom.xml dependency:copy-dependencies -DoutputDirectory=/tmp/cj/lib
 *   # run this main with the test classpath and the arguments:
 *   /tmp/cj/lib capstan-apiserver/src/main/resources/io/capstan/apiserver/schema/upstream-types.json
 * </pre>
 *
 * Only the definitions reachable from {@link #ROOTS} are written, to keep the file small. Rerun it
 * when the server starts serving a kind whose types are not reached yet.
 */
public final class UpstreamTypeFactsGenerator {

  /** The kinds Capstan serves, and the API types its endpoints return. */
  static final List<String> ROOTS = List.of(
      "io.fabric8.kubernetes.api.model.Pod", "io.fabric8.kubernetes.api.model.PodList",
      "io.fabric8.kubernetes.api.model.Service", "io.fabric8.kubernetes.api.model.ServiceList",
      "io.fabric8.kubernetes.api.model.Endpoints",
      "io.fabric8.kubernetes.api.model.EndpointsList",
      "io.fabric8.kubernetes.api.model.Node", "io.fabric8.kubernetes.api.model.NodeList",
      "io.fabric8.kubernetes.api.model.Namespace",
      "io.fabric8.kubernetes.api.model.NamespaceList",
      "io.fabric8.kubernetes.api.model.ConfigMap",
      "io.fabric8.kubernetes.api.model.ConfigMapList",
      "io.fabric8.kubernetes.api.model.Secret", "io.fabric8.kubernetes.api.model.SecretList",
      "io.fabric8.kubernetes.api.model.Event", "io.fabric8.kubernetes.api.model.EventList",
      "io.fabric8.kubernetes.api.model.ServiceAccount",
      "io.fabric8.kubernetes.api.model.ServiceAccountList",
      "io.fabric8.kubernetes.api.model.Binding", "io.fabric8.kubernetes.api.model.Status",
      "io.fabric8.kubernetes.api.model.DeleteOptions",
      "io.fabric8.kubernetes.api.model.WatchEvent",
      "io.fabric8.kubernetes.api.model.apps.Deployment",
      "io.fabric8.kubernetes.api.model.apps.DeploymentList",
      "io.fabric8.kubernetes.api.model.apps.ReplicaSet",
      "io.fabric8.kubernetes.api.model.apps.ReplicaSetList",
      "io.fabric8.kubernetes.api.model.coordination.v1.Lease",
      "io.fabric8.kubernetes.api.model.coordination.v1.LeaseList",
      "io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice",
      "io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceList");

  private UpstreamTypeFactsGenerator() {}

  public static void main(String[] args) throws Exception {
    Path libDir = Path.of(args[0]);
    Path output = Path.of(args[1]);
    List<URL> jars;
    try (Stream<Path> files = Files.list(libDir)) {
      jars = files.filter(p -> p.toString().endsWith(".jar")).map(p -> {
        try {
          return p.toUri().toURL();
        } catch (MalformedURLException e) {
          throw new IllegalArgumentException(e);
        }
      }).toList();
    }
    var builder = TypeSchemas.builder(UpstreamFacts.none());
    for (String root : ROOTS) {
      builder.addModel(Class.forName(root));
    }
    TypeSchemas schemas = builder.build();
    try (var loader = new URLClassLoader(jars.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      ObjectNode out = Json.object();
      int missing = 0;
      for (var entry : schemas.definitions().entrySet()) {
        if (!(entry.getValue().schema() instanceof ObjectType object)) {
          continue;
        }
        Optional<Class<?>> upstream = upstreamClass(loader, entry.getKey(),
            object.properties().keySet());
        if (upstream.isEmpty()) {
          System.err.println("no upstream class for " + entry.getKey());
          missing++;
          continue;
        }
        ObjectNode facts = factsOf(upstream.get(), object.properties().keySet());
        if (!facts.isEmpty()) {
          out.set(entry.getKey(), facts);
        }
      }
      Files.writeString(output, Json.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsString(out) + "\n");
      System.err.printf("wrote %d definitions, %d without an upstream class%n", out.size(),
          missing);
    }
  }

  private static Optional<Class<?>> upstreamClass(ClassLoader loader, String definition,
      Collection<String> ourFields) {
    String[] parts = definition.split("\\.");
    String simple = parts[parts.length - 1];
    String version = capitalize(parts[parts.length - 2]);
    String group = definition.startsWith("io.k8s.api.") ? capitalize(parts[3]) : "";
    for (String candidate : List.of(group + version + simple, version + simple)) {
      try {
        Class<?> c = Class.forName("io.kubernetes.client.openapi.models." + candidate, false,
            loader);
        Set<String> theirs = serializedNames(c).keySet();
        long common = ourFields.stream().filter(theirs::contains).count();
        if (common * 2 >= theirs.size()) {
          return Optional.of(c);
        }
      } catch (ClassNotFoundException e) {
        // try the next naming scheme
      }
    }
    return Optional.empty();
  }

  private static ObjectNode factsOf(Class<?> upstream, Collection<String> ourFields)
      throws ReflectiveOperationException {
    ObjectNode facts = Json.object();
    annotationValue(upstream, "ApiModel", "description")
        .filter(d -> !d.isBlank()).ifPresent(d -> facts.put("description", d));
    @SuppressWarnings("unchecked")
    var required = new TreeSet<>((Collection<String>) upstream
        .getField("openapiRequiredFields").get(null));
    required.retainAll(ourFields);
    if (!required.isEmpty()) {
      required.forEach(facts.putArray("required")::add);
    }
    ObjectNode properties = Json.object();
    for (var field : serializedNames(upstream).entrySet()) {
      if (!ourFields.contains(field.getKey())) {
        continue;
      }
      Field javaField = field.getValue();
      ObjectNode p = Json.object();
      // Fields of the client's own IntOrString and Quantity classes carry the type's
      // description instead of the field's: leave those out.
      boolean customType = javaField.getType().getName()
          .startsWith("io.kubernetes.client.custom.");
      getter(upstream, javaField)
          .flatMap(g -> annotationValue(g, "ApiModelProperty", "value"))
          .filter(d -> !d.isBlank() && !customType).ifPresent(d -> p.put("description", d));
      format(javaField.getGenericType()).ifPresent(f -> p.put("format", f));
      if (!p.isEmpty()) {
        properties.set(field.getKey(), p);
      }
    }
    if (!properties.isEmpty()) {
      facts.set("properties", properties);
    }
    return facts;
  }

  /** JSON name → Java field, from the generated {@code SERIALIZED_NAME_*} constants. */
  private static Map<String, Field> serializedNames(Class<?> upstream) {
    var byNormalizedName = new HashMap<String, Field>();
    for (Field f : upstream.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        byNormalizedName.put(normalize(f.getName()), f);
      }
    }
    var names = new TreeMap<String, Field>();
    for (Field f : upstream.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("SERIALIZED_NAME_")) {
        try {
          String json = (String) f.get(null);
          Field javaField = byNormalizedName.get(normalize(json));
          if (javaField != null) {
            names.put(json, javaField);
          }
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return names;
  }

  private static Optional<String> format(Type type) {
    if (type instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      return format(args[args.length - 1]);
    }
    if (type instanceof Class<?> c) {
      if (c.getName().equals("java.time.OffsetDateTime")) {
        return Optional.of("date-time");
      }
      if (c == byte[].class) {
        return Optional.of("byte");
      }
    }
    return Optional.empty();
  }

  private static Optional<Method> getter(Class<?> upstream, Field field) {
    String base = capitalize(field.getName().replaceFirst("^_", ""));
    for (String name : List.of("get" + base, "is" + base, "get" + capitalize(field.getName()))) {
      try {
        return Optional.of(upstream.getMethod(name));
      } catch (NoSuchMethodException e) {
        // try the next spelling
      }
    }
    return Optional.empty();
  }

  private static Optional<String> annotationValue(java.lang.reflect.AnnotatedElement element,
      String simpleName, String attribute) {
    var found = new ArrayList<String>();
    for (Annotation a : element.getAnnotations()) {
      if (a.annotationType().getSimpleName().equals(simpleName)) {
        try {
          found.add((String) a.annotationType().getMethod(attribute).invoke(a));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return found.stream().findFirst();
  }

  private static String normalize(String name) {
    return name.replace("_", "").replace("$", "").toLowerCase(Locale.ROOT);
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
