package io.capstan.apiserver.selection;

/**
 * The operators of a label requirement, as Kubernetes' {@code selection.Operator}. {@code =} and
 * {@code ==} mean the same but are kept apart so a selector prints back the way it was written.
 */
public enum LabelOperator {
  IN("in"),
  NOT_IN("notin"),
  EQUALS("="),
  DOUBLE_EQUALS("=="),
  NOT_EQUALS("!="),
  EXISTS("exists"),
  DOES_NOT_EXIST("!"),
  GREATER_THAN("gt"),
  LESS_THAN("lt");

  private final String symbol;

  LabelOperator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator's name in Kubernetes' messages ({@code in}, {@code notin}, {@code =}, ...). */
  public String symbol() {
    return symbol;
  }
}
