package io.capstan.node.probe;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands {@code $(VAR)} in an exec probe's or hook's command against the container's declared
 * environment, as the kubelet's {@code ExpandContainerCommandOnlyStatic} does: only the literal
 * {@code value}s of {@code env} are known (a {@code valueFrom} variable expands to the empty
 * string), {@code $$} is an escaped {@code $}, and an unknown or unterminated reference stays as
 * written.
 */
final class CommandExpansion {

  private CommandExpansion() {}

  static List<String> expand(List<String> command, List<EnvVar> env) {
    Map<String, String> values = new HashMap<>();
    if (env != null) {
      for (EnvVar variable : env) {
        values.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
      }
    }
    List<String> expanded = new ArrayList<>(command.size());
    for (String word : command) {
      expanded.add(expandWord(word, values));
    }
    return expanded;
  }

  static String expandWord(String input, Map<String, String> values) {
    StringBuilder out = new StringBuilder(input.length());
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c != '$' || i + 1 >= input.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = input.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '(') {
        int close = input.indexOf(')', i + 2);
        if (close < 0) {
          out.append(input, i, input.length());
          break;
        }
        String name = input.substring(i + 2, close);
        String value = values.get(name);
        out.append(value != null ? value : input.substring(i, close + 1));
        i = close + 1;
      } else {
        out.append(c).append(next);
        i += 2;
      }
    }
    return out.toString();
  }
}
