package io.capstan.apiserver.selection;

import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A port of the lexer and recursive-descent parser of Kubernetes'
 * {@code k8s.io/apimachinery/pkg/labels/selector.go}, errors included:
 *
 * <pre>
 *   selector    ::= requirement | requirement "," selector
 *   requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | "&gt;" | "&lt;") VALUE ]
 * </pre>
 *
 * Whitespace separates tokens and is otherwise ignored; {@code in} and {@code notin} are
 * keywords only where an operator may stand, so {@code in in (in)} is a valid selector.
 */
final class LabelSelectorParser {

  private enum Token {
    ERROR, END, CLOSE_PAREN, COMMA, NOT, DOUBLE_EQUALS, EQUALS, GREATER, IDENTIFIER, IN, LESS,
    NOT_EQUALS, NOT_IN, OPEN_PAREN
  }

  private record Item(Token token, String literal) {}

  /** What the token positions may hold: in {@code VALUES} context keywords are identifiers. */
  private enum Context { KEY_AND_OPERATOR, VALUES }

  /** Go's lexer reads a NUL byte as "no more input" (it is what its read returns at the end). */
  private static final char NUL = '\0';

  private final String input;
  private int pos;
  private final List<Item> items = new ArrayList<>();
  private int position;

  private LabelSelectorParser(String input) {
    this.input = input;
  }

  /** The requirements in input order; the caller sorts them by key. */
  static List<LabelRequirement> parse(String selector) {
    LabelSelectorParser parser = new LabelSelectorParser(selector);
    parser.scan();
    return parser.requirements();
  }

  // ---- lexer --------------------------------------------------------------------------------

  private void scan() {
    while (true) {
      Item item = lex();
      items.add(item);
      if (item.token() == Token.END) {
        return;
      }
    }
  }

  private Item lex() {
    while (pos < input.length() && isWhitespace(input.charAt(pos))) {
      pos++;
    }
    if (pos >= input.length() || input.charAt(pos) == NUL) {
      pos++;
      return new Item(Token.END, "");
    }
    return isSpecial(input.charAt(pos)) ? scanSpecial() : scanIdentifierOrKeyword();
  }

  private Item scanIdentifierOrKeyword() {
    int start = pos;
    while (pos < input.length() && !isSpecial(input.charAt(pos))
        && !isWhitespace(input.charAt(pos)) && input.charAt(pos) != NUL) {
      pos++;
    }
    String literal = input.substring(start, pos);
    if (pos < input.length() && input.charAt(pos) == NUL) {
      pos++;
    }
    Token keyword = symbolToken(literal);
    return new Item(keyword == null ? Token.IDENTIFIER : keyword, literal);
  }

  /** The longest run of special characters that is still an operator ({@code !=}, {@code ==}). */
  private Item scanSpecial() {
    StringBuilder buffer = new StringBuilder();
    Item last = null;
    while (pos < input.length() && isSpecial(input.charAt(pos))) {
      buffer.append(input.charAt(pos));
      Token token = symbolToken(buffer.toString());
      if (token != null) {
        last = new Item(token, buffer.toString());
        pos++;
      } else if (last != null) {
        break;
      } else {
        pos++;
      }
    }
    return last != null ? last
        : new Item(Token.ERROR, "error expected: keyword found '" + buffer + "'");
  }

  private static Token symbolToken(String literal) {
    return switch (literal) {
      case ")" -> Token.CLOSE_PAREN;
      case "," -> Token.COMMA;
      case "!" -> Token.NOT;
      case "==" -> Token.DOUBLE_EQUALS;
      case "=" -> Token.EQUALS;
      case ">" -> Token.GREATER;
      case "in" -> Token.IN;
      case "<" -> Token.LESS;
      case "!=" -> Token.NOT_EQUALS;
      case "notin" -> Token.NOT_IN;
      case "(" -> Token.OPEN_PAREN;
      default -> null;
    };
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isSpecial(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
  }

  // ---- parser -------------------------------------------------------------------------------

  private Item lookahead(Context context) {
    return inContext(items.get(position), context);
  }

  private Item consume(Context context) {
    return inContext(items.get(position++), context);
  }

  private static Item inContext(Item item, Context context) {
    if (context == Context.VALUES
        && (item.token() == Token.IN || item.token() == Token.NOT_IN)) {
      return new Item(Token.IDENTIFIER, item.literal());
    }
    return item;
  }

  private List<LabelRequirement> requirements() {
    List<LabelRequirement> requirements = new ArrayList<>();
    while (true) {
      Item next = lookahead(Context.VALUES);
      switch (next.token()) {
        case IDENTIFIER, NOT -> {
          try {
            requirements.add(requirement());
          } catch (SelectorSyntaxException e) {
            throw new SelectorSyntaxException("unable to parse requirement: " + e.getMessage());
          }
          Item after = consume(Context.VALUES);
          switch (after.token()) {
            case END -> {
              return requirements;
            }
            case COMMA -> {
              Item following = lookahead(Context.VALUES);
              if (following.token() != Token.IDENTIFIER && following.token() != Token.NOT) {
                throw new SelectorSyntaxException(
                    "found '" + following.literal() + "', expected: identifier after ','");
              }
            }
            default -> throw new SelectorSyntaxException(
                "found '" + after.literal() + "', expected: ',' or 'end of string'");
          }
        }
        case END -> {
          return requirements;
        }
        default -> throw new SelectorSyntaxException("found '" + next.literal()
            + "', expected: !, identifier, or 'end of string'");
      }
    }
  }

  private LabelRequirement requirement() {
    LabelOperator operator = null;
    Item key = consume(Context.VALUES);
    if (key.token() == Token.NOT) {
      operator = LabelOperator.DOES_NOT_EXIST;
      key = consume(Context.VALUES);
    }
    if (key.token() != Token.IDENTIFIER) {
      throw new SelectorSyntaxException("found '" + key.literal() + "', expected: identifier");
    }
    List<String> keyErrors = Names.qualifiedName(key.literal());
    if (!keyErrors.isEmpty()) {
      throw new SelectorSyntaxException(
          GoErrors.invalid(null, key.literal(), String.join("; ", keyErrors)));
    }
    Token following = lookahead(Context.VALUES).token();
    if ((following == Token.END || following == Token.COMMA) && operator == null) {
      operator = LabelOperator.EXISTS;
    }
    if (operator != null) {
      return LabelRequirements.create(key.literal(), operator, List.of());
    }
    operator = operator();
    List<String> values = switch (operator) {
      case IN, NOT_IN -> setValues();
      default -> exactValue();
    };
    return LabelRequirements.create(key.literal(), operator, values);
  }

  private LabelOperator operator() {
    Item item = consume(Context.KEY_AND_OPERATOR);
    return switch (item.token()) {
      case IN -> LabelOperator.IN;
      case EQUALS -> LabelOperator.EQUALS;
      case DOUBLE_EQUALS -> LabelOperator.DOUBLE_EQUALS;
      case GREATER -> LabelOperator.GREATER_THAN;
      case LESS -> LabelOperator.LESS_THAN;
      case NOT_IN -> LabelOperator.NOT_IN;
      case NOT_EQUALS -> LabelOperator.NOT_EQUALS;
      default -> throw new SelectorSyntaxException("found '" + item.literal() + "', expected: "
          + LabelRequirements.binaryOperatorList());
    };
  }

  /** {@code (a,b)} as a sorted set; {@code ()} and empty entries stand for the empty value. */
  private List<String> setValues() {
    Item open = consume(Context.VALUES);
    if (open.token() != Token.OPEN_PAREN) {
      throw new SelectorSyntaxException("found '" + open.literal() + "' expected: '('");
    }
    Item next = lookahead(Context.VALUES);
    switch (next.token()) {
      case IDENTIFIER, COMMA -> {
        TreeSet<String> values = identifiers();
        if (consume(Context.VALUES).token() != Token.CLOSE_PAREN) {
          throw new SelectorSyntaxException("found '" + next.literal() + "', expected: ')'");
        }
        return List.copyOf(values);
      }
      case CLOSE_PAREN -> {
        consume(Context.VALUES);
        return List.of("");
      }
      default -> throw new SelectorSyntaxException(
          "found '" + next.literal() + "', expected: ',', ')' or identifier");
    }
  }

  private TreeSet<String> identifiers() {
    TreeSet<String> values = new TreeSet<>();
    while (true) {
      Item item = consume(Context.VALUES);
      switch (item.token()) {
        case IDENTIFIER -> {
          values.add(item.literal());
          Item next = lookahead(Context.VALUES);
          switch (next.token()) {
            case COMMA -> {
              // another value follows
            }
            case CLOSE_PAREN -> {
              return values;
            }
            default -> throw new SelectorSyntaxException(
                "found '" + next.literal() + "', expected: ',' or ')'");
          }
        }
        case COMMA -> {
          if (values.isEmpty()) {
            values.add("");
          }
          Token next = lookahead(Context.VALUES).token();
          if (next == Token.CLOSE_PAREN) {
            values.add("");
            return values;
          }
          if (next == Token.COMMA) {
            consume(Context.VALUES);
            values.add("");
          }
        }
        default -> throw new SelectorSyntaxException(
            "found '" + item.literal() + "', expected: ',', or identifier");
      }
    }
  }

  /** The single value after {@code =}, {@code ==}, {@code !=}, {@code >} or {@code <}. */
  private List<String> exactValue() {
    Token next = lookahead(Context.VALUES).token();
    if (next == Token.END || next == Token.COMMA) {
      return List.of("");
    }
    Item item = consume(Context.VALUES);
    if (item.token() == Token.IDENTIFIER) {
      return List.of(item.literal());
    }
    throw new SelectorSyntaxException("found '" + item.literal() + "', expected: identifier");
  }
}
