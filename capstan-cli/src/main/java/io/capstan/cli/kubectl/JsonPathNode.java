package io.capstan.cli.kubectl;

import java.util.List;

/**
 * One node of a parsed kubectl JSONPath template, as client-go's {@code util/jsonpath} parser
 * builds them: text outside actions, and inside an action ({@code {...}}) the steps applied one
 * after the other to the current values.
 */
sealed interface JsonPathNode {

  /** Literal text, outside an action or quoted inside one. */
  record Text(String text) implements JsonPathNode {}

  /** One {@code {...}} action (or a filter operand, or a union member): steps in order. */
  record Steps(List<JsonPathNode> nodes) implements JsonPathNode {}

  /** {@code .name} or {@code ['name']}. */
  record Field(String name) implements JsonPathNode {}

  /** {@code [start:end:step]}; an absent bound is {@code null}; {@code derivedEnd} for {@code [i]}. */
  record Slice(Integer start, Integer end, Integer step, boolean derivedEnd)
      implements JsonPathNode {}

  /** {@code .*}: every value of a map or element of a list. */
  record Wildcard() implements JsonPathNode {}

  /** {@code ..}: the value and every map or list below it. */
  record Recursive() implements JsonPathNode {}

  /** {@code [?(left op right)]}, or {@code [?(left)]} with operator {@code exists}. */
  record Filter(Steps left, Steps right, String operator) implements JsonPathNode {}

  /** {@code [a,b]}: the results of each member, concatenated. */
  record Union(List<Steps> members) implements JsonPathNode {}

  /** {@code range}, {@code end}, or an unknown word (an error when run). */
  record Identifier(String name) implements JsonPathNode {}

  /** A number or boolean literal (filter operands). */
  record Literal(Object value) implements JsonPathNode {}
}
