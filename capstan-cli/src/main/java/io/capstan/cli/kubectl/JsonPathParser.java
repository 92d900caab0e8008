package io.capstan.cli.kubectl;

import io.capstan.cli.kubectl.JsonPathNode.Field;
import io.capstan.cli.kubectl.JsonPathNode.Filter;
import io.capstan.cli.kubectl.JsonPathNode.Identifier;
import io.capstan.cli.kubectl.JsonPathNode.Literal;
import io.capstan.cli.kubectl.JsonPathNode.Recursive;
import io.capstan.cli.kubectl.JsonPathNode.Slice;
import io.capstan.cli.kubectl.JsonPathNode.Steps;
import io.capstan.cli.kubectl.JsonPathNode.Text;
import io.capstan.cli.kubectl.JsonPathNode.Union;
import io.capstan.cli.kubectl.JsonPathNode.Wildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses kubectl's JSONPath templates the way client-go's {@code jsonpath.Parser} does, including
 * its leniencies ({@code $} and {@code @} are skipped, a field name runs to the next terminator,
 * {@code \} escapes a dot in a key) and its error texts ({@code unterminated array},
 * {@code unclosed action}).
 */
final class JsonPathParser {

  private static final Pattern DICT_KEY = Pattern.compile("^'([^']*)'$");
  private static final Pattern SLICE = Pattern.compile("^(-?\\d*)(:-?\\d*)?(:-?\\d*)?$");
  private static final Pattern COMPARISON = Pattern.compile("^([^!<>=]+)([!<>=]+)(.+?)$");

  private final String input;
  private int pos;
  private int start;

  private JsonPathParser(String input) {
    this.input = input;
  }

  /** The root nodes: {@link Text} and one {@link Steps} per action. */
  static List<JsonPathNode> parse(String template) {
    JsonPathParser parser = new JsonPathParser(template);
    List<JsonPathNode> root = new ArrayList<>();
    parser.parseText(root);
    return List.copyOf(root);
  }

  /** The steps of one action's text, as client-go's {@code parseAction}. */
  private static Steps parseAction(String text) {
    List<JsonPathNode> root = parse("{" + text + "}");
    return root.isEmpty() ? new Steps(List.of()) : (Steps) root.getFirst();
  }

  private void parseText(List<JsonPathNode> root) {
    while (true) {
      if (input.startsWith("{", pos)) {
        if (pos > start) {
          root.add(new Text(consume()));
        }
        pos++;
        consume();
        List<JsonPathNode> steps = new ArrayList<>();
        parseInsideAction(steps);
        root.add(new Steps(steps));
        // parseInsideAction stops after the closing brace; text continues from there.
        continue;
      }
      if (pos >= input.length()) {
        break;
      }
      pos++;
    }
    if (pos > start) {
      root.add(new Text(consume()));
    }
  }

  private void parseInsideAction(List<JsonPathNode> cur) {
    while (true) {
      if (input.startsWith("}", pos)) {
        pos++;
        consume();
        return;
      }
      if (input.startsWith("[?(", pos)) {
        parseFilter(cur);
        continue;
      }
      if (input.startsWith("..", pos)) {
        parseRecursive(cur);
        continue;
      }
      int r = next();
      if (r < 0 || r == '\n' || r == '\r') {
        throw new JsonPathException("unclosed action");
      } else if (r == ' ' || r == '@' || r == '$') {
        consume();
      } else if (r == '[') {
        parseArray(cur);
      } else if (r == '"' || r == '\'') {
        parseQuote(cur, r);
      } else if (r == '.') {
        parseField(cur);
      } else if (r == '+' || r == '-' || Character.isDigit(r)) {
        pos--;
        parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        pos--;
        parseIdentifier(cur);
      } else {
        throw new JsonPathException(String.format("unrecognized character in action: U+%04X '%c'",
            r, r));
      }
    }
  }

  private void parseField(List<JsonPathNode> cur) {
    consume();
    while (advance()) {
      // a field name runs to the next unescaped terminator
    }
    String value = consume();
    cur.add(value.equals("*") ? new Wildcard() : new Field(value.replace("\\", "")));
  }

  private boolean advance() {
    int r = next();
    if (r == '\\') {
      next();
      return true;
    }
    if (isTerminator(r)) {
      if (r >= 0) {
        pos--;
      }
      return false;
    }
    return true;
  }

  private void parseRecursive(List<JsonPathNode> cur) {
    if (!cur.isEmpty() && cur.getLast() instanceof Recursive) {
      throw new JsonPathException("invalid multiple recursive descent");
    }
    pos += 2;
    consume();
    cur.add(new Recursive());
    if (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
      parseField(cur);
    }
  }

  private void parseIdentifier(List<JsonPathNode> cur) {
    while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
      pos++;
    }
    String value = consume();
    cur.add(switch (value) {
      case "true" -> new Literal(Boolean.TRUE);
      case "false" -> new Literal(Boolean.FALSE);
      default -> new Identifier(value);
    });
  }

  private void parseNumber(List<JsonPathNode> cur) {
    if (input.charAt(pos) == '+' || input.charAt(pos) == '-') {
      pos++;
    }
    while (pos < input.length()
        && (input.charAt(pos) == '.' || Character.isDigit(input.charAt(pos)))) {
      pos++;
    }
    String value = consume();
    try {
      cur.add(new Literal(Long.parseLong(value)));
    } catch (NumberFormatException notInt) {
      try {
        cur.add(new Literal(Double.parseDouble(value)));
      } catch (NumberFormatException e) {
        throw new JsonPathException("cannot parse number " + value);
      }
    }
  }

  private void parseQuote(List<JsonPathNode> cur, int end) {
    while (true) {
      int r = next();
      if (r < 0 || r == '\n') {
        throw new JsonPathException("unterminated quoted string");
      }
      if (r == '\\') {
        int escaped = next();
        if (escaped < 0 || escaped == '\n') {
          throw new JsonPathException("unterminated quoted string");
        }
      } else if (r == end) {
        break;
      }
    }
    String value = consume();
    cur.add(new Text(GoStrings.unquote(value.substring(1, value.length() - 1))));
  }

  private void parseArray(List<JsonPathNode> cur) {
    while (true) {
      int r = next();
      if (r < 0 || r == '\n') {
        throw new JsonPathException("unterminated array");
      }
      if (r == ']') {
        break;
      }
    }
    String text = consume();
    text = text.substring(1, text.length() - 1);
    if (text.equals("*")) {
      text = ":";
    }
    String[] members = text.split(",", -1);
    if (members.length > 1) {
      List<Steps> union = new ArrayList<>();
      for (String member : members) {
        union.add(parseAction("[" + member.strip() + "]"));
      }
      cur.add(new Union(List.copyOf(union)));
      return;
    }
    Matcher key = DICT_KEY.matcher(text);
    if (key.matches()) {
      cur.addAll(parseAction("." + key.group(1)).nodes());
      return;
    }
    Matcher slice = SLICE.matcher(text);
    if (!slice.matches()) {
      throw new JsonPathException("invalid array index " + text);
    }
    Integer from = bound(slice.group(1), false);
    String endText = slice.group(2);
    if (endText == null || endText.isEmpty()) {
      int first = from == null ? 0 : from;
      cur.add(new Slice(from, first + 1, bound(slice.group(3), true), true));
    } else {
      cur.add(new Slice(from, bound(endText, true), bound(slice.group(3), true), false));
    }
  }

  private static Integer bound(String text, boolean afterColon) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String number = afterColon ? text.substring(1) : text;
    if (number.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(number);
    } catch (NumberFormatException e) {
      throw new JsonPathException("array index " + number + " is not a number");
    }
  }

  private void parseFilter(List<JsonPathNode> cur) {
    pos += 3;
    consume();
    boolean begin = false;
    boolean end = false;
    int pair = 0;
    while (true) {
      int r = next();
      if (r < 0 || r == '\n') {
        throw new JsonPathException("unterminated filter");
      }
      if (r == '"' || r == '\'') {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (input.charAt(pos - 2) != '\\' && r == pair) {
          end = true;
        }
      } else if (r == ')' && begin == end) {
        break;
      }
    }
    if (next() != ']') {
      throw new JsonPathException("unclosed array expect ]");
    }
    String text = consume();
    text = text.substring(0, text.length() - 2);
    Matcher comparison = COMPARISON.matcher(text);
    if (comparison.matches()) {
      cur.add(new Filter(parseAction(comparison.group(1)), parseAction(comparison.group(3)),
          comparison.group(2)));
    } else {
      cur.add(new Filter(parseAction(text), new Steps(List.of()), "exists"));
    }
  }

  private int next() {
    if (pos >= input.length()) {
      return -1;
    }
    return input.charAt(pos++);
  }

  private String consume() {
    int end = Math.min(pos, input.length());
    String text = input.substring(start, end);
    pos = end;
    start = end;
    return text;
  }

  private static boolean isTerminator(int r) {
    return r < 0 || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '.' || r == ','
        || r == '[' || r == ']' || r == '$' || r == '@' || r == '{' || r == '}';
  }

  private static boolean isAlphaNumeric(int r) {
    return r == '_' || Character.isLetterOrDigit(r);
  }
}
