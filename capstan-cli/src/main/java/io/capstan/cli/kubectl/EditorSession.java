package io.capstan.cli.kubectl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of the user's editor on a temporary file, as kubectl runs it: {@code KUBE_EDITOR}, else
 * {@code EDITOR}, else {@code vi}; an editor setting with spaces in it is run by the user's
 * shell with {@code -c} (so {@code "code --wait"} works), else executed directly.
 */
final class EditorSession {

  static final String HEADER = """
      # Please edit the object below. Lines beginning with a '#' will be ignored,
      # and an empty file will abort the edit. If an error occurs while saving this file will be
      # reopened with the relevant failures.
      #
      """;

  private EditorSession() {}

  /** The command line that edits {@code file}. */
  static List<String> command(Map<String, String> environment, Path file) {
    String editor = environment.getOrDefault("KUBE_EDITOR", "");
    if (editor.isBlank()) {
      editor = environment.getOrDefault("EDITOR", "");
    }
    if (editor.isBlank()) {
      editor = "vi";
    }
    List<String> command = new ArrayList<>();
    if (editor.contains(" ")) {
      String shell = environment.getOrDefault("SHELL", "");
      command.addAll(List.of(shell.isBlank() ? "/bin/bash" : shell, "-c", editor + " " + file));
    } else {
      command.addAll(List.of(editor, file.toString()));
    }
    return command;
  }

  /** Writes {@code text} to a temporary file, lets the user edit it, and returns the result. */
  static String edit(String text, Map<String, String> environment) {
    try {
      Path file = Files.createTempFile("kubectl-edit-", ".yaml");
      try {
        Files.writeString(file, text);
        Process editor = new ProcessBuilder(command(environment, file)).inheritIO().start();
        int code = editor.waitFor();
        if (code != 0) {
          throw new KubectlError("error: there was a problem with the editor \""
              + String.join(" ", command(environment, file)).replace(" " + file, "") + "\"");
        }
        return Files.readString(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new KubectlError("error: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubectlError("error: interrupted");
    }
  }

  /** The text without its comment lines, which kubectl ignores. */
  static String withoutComments(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.stripLeading().startsWith("#")) {
        out.append(line).append('\n');
      }
    }
    return out.toString().strip();
  }
}
