package io.capstan.store.sqlite;

import io.capstan.store.support.KeyOrder;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code WHERE} condition on {@code name} that selects the keys under a prefix, optionally after
 * a key, as a range the {@code (name, id)} index can seek. SQLite compares text by its UTF-8
 * bytes, the order {@link KeyOrder#prefixEnd} computes the end of the range in.
 */
record KeyRangeSql(String condition, List<String> parameters) {

  static KeyRangeSql of(String prefix, Optional<String> startAfter) {
    List<String> conditions = new ArrayList<>();
    List<String> parameters = new ArrayList<>();
    conditions.add("name >= ?");
    parameters.add(prefix);
    KeyOrder.prefixEnd(prefix).ifPresent(end -> {
      conditions.add("name < ?");
      parameters.add(end);
    });
    startAfter.ifPresent(after -> {
      conditions.add("name > ?");
      parameters.add(after);
    });
    return new KeyRangeSql(String.join(" AND ", conditions), List.copyOf(parameters));
  }

  /** Binds the parameters from position {@code first}; returns the next free position. */
  int bind(PreparedStatement statement, int first) throws SQLException {
    int position = first;
    for (String parameter : parameters) {
      statement.setString(position++, parameter);
    }
    return position;
  }
}
