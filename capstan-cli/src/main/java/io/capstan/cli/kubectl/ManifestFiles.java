package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/**
 * The objects that {@code -f} names, read as kubectl reads them: files, directories (their
 * {@code .json}, {@code .yaml} and {@code .yml} files in name order, subdirectories only with
 * {@code -R}) and {@code -} for standard input; YAML streams of several documents, JSON, and
 * {@code kind: List} flattened into its items. Empty documents are skipped.
 */
final class ManifestFiles {

  private ManifestFiles() {}

  /** One object and where it came from, for messages such as kubectl's "error parsing F". */
  record Manifest(String source, JsonNode object) {}

  /** The objects of {@code filenames}; {@code verb} names the command in kubectl's errors. */
  static List<Manifest> read(String verb, List<String> filenames, boolean recursive,
      InputStream stdin) {
    if (filenames.isEmpty()) {
      throw new KubectlError("error: must specify one of -f and -k");
    }
    List<Manifest> out = new ArrayList<>();
    for (String name : filenames) {
      if (name.equals("-")) {
        out.addAll(parse("STDIN", readAll(stdin)));
        continue;
      }
      Path path = Path.of(name);
      if (Files.isDirectory(path)) {
        for (Path file : filesIn(path, recursive)) {
          out.addAll(parse(file.toString(), readFile(file)));
        }
      } else if (Files.exists(path)) {
        out.addAll(parse(name, readFile(path)));
      } else {
        throw new KubectlError("error: the path \"" + name + "\" does not exist");
      }
    }
    if (out.isEmpty()) {
      throw new KubectlError("error: no objects passed to " + verb);
    }
    return out;
  }

  private static List<Path> filesIn(Path dir, boolean recursive) {
    try (Stream<Path> walk = recursive ? Files.walk(dir) : Files.list(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().matches(".*\\.(json|yaml|yml)$"))
          .sorted().toList();
    } catch (IOException e) {
      throw new KubectlError("error: " + e.getMessage());
    }
  }

  /** The objects of one YAML or JSON stream. */
  static List<Manifest> parse(String source, String text) {
    List<Manifest> out = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = Json.YAML.readerFor(JsonNode.class).readValues(text)) {
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
          continue;
        }
        if (!doc.isObject()) {
          throw new KubectlError("error: error parsing " + source + ": a document is not an "
              + "object");
        }
        if (doc.path("kind").asString("").endsWith("List") && doc.has("items")) {
          doc.path("items").forEach(item -> out.add(new Manifest(source, item)));
        } else {
          out.add(new Manifest(source, doc));
        }
      }
    } catch (JacksonException e) {
      throw new KubectlError("error: error parsing " + source + ": " + e.getOriginalMessage());
    }
    for (Manifest m : out) {
      if (m.object().path("kind").asString("").isEmpty()) {
        throw new KubectlError("error: error validating data: kind not set in " + source);
      }
      if (m.object().path("apiVersion").asString("").isEmpty()) {
        throw new KubectlError("error: error validating data: apiVersion not set in " + source);
      }
    }
    return out;
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new KubectlError("error: " + e.getMessage());
    }
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KubectlError("error: reading standard input: " + e.getMessage());
    }
  }
}
