package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code KEY=VALUE} and {@code KEY-} arguments of {@code label}, {@code annotate} and
 * {@code set env}, and their effect on a string map under kubectl's {@code --overwrite} rule: a
 * key that has a different value already is an error unless overwriting.
 *
 * @param set keys to set, in argument order
 * @param remove keys to remove
 */
record KeyValueChanges(Map<String, String> set, List<String> remove) {

  /** Splits {@code args}; {@code what} names them in kubectl's errors ("label", "annotation"). */
  static KeyValueChanges parse(List<String> args, String what) {
    Map<String, String> set = new LinkedHashMap<>();
    List<String> remove = new ArrayList<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq > 0) {
        set.put(arg.substring(0, eq), arg.substring(eq + 1));
      } else if (eq < 0 && arg.endsWith("-") && arg.length() > 1) {
        remove.add(arg.substring(0, arg.length() - 1));
      } else {
        throw new KubectlError("error: invalid " + what + " format: " + arg);
      }
    }
    for (String key : remove) {
      if (set.containsKey(key)) {
        throw new KubectlError("error: can not both modify and remove the following " + what
            + "(s) in the same command: " + key);
      }
    }
    return new KeyValueChanges(java.util.Collections.unmodifiableMap(set), List.copyOf(remove));
  }

  boolean isEmpty() {
    return set.isEmpty() && remove.isEmpty();
  }

  /**
   * The keys already holding another value, as kubectl lists them:
   * {@code 'a' already has a value (b)}; empty when overwriting is allowed.
   */
  List<String> conflicts(Map<String, String> current, boolean overwrite) {
    List<String> out = new ArrayList<>();
    if (overwrite) {
      return out;
    }
    set.forEach((key, value) -> {
      String old = current.get(key);
      if (old != null && !old.equals(value)) {
        out.add("'" + key + "' already has a value (" + old + ")");
      }
    });
    return out;
  }

  /** {@code current} with the changes made; keys in sorted order, as Go prints maps. */
  Map<String, String> applyTo(Map<String, String> current) {
    Map<String, String> out = new TreeMap<>(current);
    remove.forEach(out::remove);
    out.putAll(set);
    return out;
  }

  /** The keys to remove that {@code current} does not have. */
  List<String> missing(Map<String, String> current) {
    return remove.stream().filter(k -> !current.containsKey(k)).toList();
  }
}
