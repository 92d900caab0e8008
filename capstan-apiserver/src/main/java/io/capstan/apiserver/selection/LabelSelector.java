package io.capstan.apiserver.selection;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.errors.GoQuote;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * A Kubernetes label selector: an AND of requirements over an object's labels, from the
 * {@code labelSelector} query parameter or from a {@code metav1.LabelSelector} in a spec.
 *
 * <p>Requirements are kept sorted by key, as Kubernetes does, so {@link #toString()} is
 * canonical: {@code parse("b=2, a in (y,x)")} prints {@code a in (x,y),b=2}. Besides the
 * selector that matches everything there is one that matches nothing, which is what a
 * {@code null} selector in a spec means.
 */
public final class LabelSelector {

  private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
  private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

  private final List<LabelRequirement> requirements;
  private final boolean nothing;

  private LabelSelector(List<LabelRequirement> requirements, boolean nothing) {
    this.requirements = requirements;
    this.nothing = nothing;
  }

  /** Matches every object. */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  /** Matches no object; prints as the empty string. */
  public static LabelSelector nothing() {
    return NOTHING;
  }

  /**
   * Parses the query-string syntax ({@code a=b}, {@code a==b}, {@code a!=b},
   * {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}, {@code a>5}, {@code a<5},
   * comma for AND). An empty string selects everything.
   *
   * @throws ApiException 400 with Kubernetes' message, e.g. {@code unable to parse requirement:
   *     found '', expected: identifier}
   */
  public static LabelSelector parse(String selector) {
    try {
      return of(LabelSelectorParser.parse(selector == null ? "" : selector));
    } catch (SelectorSyntaxException e) {
      throw e.toBadRequest();
    }
  }

  /**
   * {@code metav1.LabelSelectorAsSelector}: {@code matchLabels} as equality requirements and
   * {@code matchExpressions} with In, NotIn, Exists and DoesNotExist. A missing or null tree is
   * {@link #nothing()}; an empty one is {@link #everything()}.
   *
   * @throws ApiException 400 for an unknown operator or an invalid key, value or value count
   */
  public static LabelSelector fromJson(JsonNode selector) {
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return NOTHING;
    }
    JsonNode matchLabels = selector.path("matchLabels");
    JsonNode matchExpressions = selector.path("matchExpressions");
    if (matchLabels.size() + matchExpressions.size() == 0) {
      return EVERYTHING;
    }
    try {
      List<LabelRequirement> requirements = new ArrayList<>();
      for (Map.Entry<String, JsonNode> label : matchLabels.properties()) {
        requirements.add(LabelRequirements.create(label.getKey(), LabelOperator.EQUALS,
            List.of(label.getValue().asString())));
      }
      for (JsonNode expression : matchExpressions) {
        String operator = expression.path("operator").asString("");
        LabelOperator op = switch (operator) {
          case "In" -> LabelOperator.IN;
          case "NotIn" -> LabelOperator.NOT_IN;
          case "Exists" -> LabelOperator.EXISTS;
          case "DoesNotExist" -> LabelOperator.DOES_NOT_EXIST;
          default -> throw new SelectorSyntaxException(
              GoQuote.quote(operator) + " is not a valid label selector operator");
        };
        List<String> values = new ArrayList<>();
        expression.path("values").forEach(v -> values.add(v.asString()));
        requirements.add(LabelRequirements.create(expression.path("key").asString(""), op,
            values.isEmpty() ? null : values));
      }
      return of(requirements);
    } catch (SelectorSyntaxException e) {
      throw e.toBadRequest();
    }
  }

  /** A selector matching exactly the given labels ({@code labels.SelectorFromSet}), unvalidated. */
  public static LabelSelector fromLabels(Map<String, String> labels) {
    List<LabelRequirement> requirements = new ArrayList<>();
    labels.forEach((k, v) -> requirements.add(
        new LabelRequirement(k, LabelOperator.EQUALS, List.of(v))));
    return of(requirements);
  }

  private static LabelSelector of(List<LabelRequirement> requirements) {
    if (requirements.isEmpty()) {
      return EVERYTHING;
    }
    List<LabelRequirement> sorted = new ArrayList<>(requirements);
    sorted.sort(Comparator.comparing(LabelRequirement::key));
    return new LabelSelector(List.copyOf(sorted), false);
  }

  /** Whether every requirement holds for the labels (never, for {@link #nothing()}). */
  public boolean matches(Map<String, String> labels) {
    if (nothing) {
      return false;
    }
    for (LabelRequirement requirement : requirements) {
      if (!requirement.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** True when the selector does not restrict anything ({@link #nothing()} is not empty). */
  public boolean isEmpty() {
    return !nothing && requirements.isEmpty();
  }

  /** True for {@link #nothing()}. */
  public boolean matchesNothing() {
    return nothing;
  }

  public List<LabelRequirement> requirements() {
    return requirements;
  }

  /**
   * {@code RequiresExactMatch}: the single value the first requirement on {@code key} demands
   * ({@code key=v}, {@code key==v} or {@code key in (v)}), if it demands exactly one.
   */
  public Optional<String> requiresExactMatch(String key) {
    for (LabelRequirement requirement : requirements) {
      if (requirement.key().equals(key)) {
        boolean exact = switch (requirement.operator()) {
          case EQUALS, DOUBLE_EQUALS, IN -> requirement.values().size() == 1;
          default -> false;
        };
        return exact ? Optional.of(requirement.values().getFirst()) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    StringJoiner joined = new StringJoiner(",");
    requirements.forEach(r -> joined.add(r.toString()));
    return joined.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelSelector that && nothing == that.nothing
        && requirements.equals(that.requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + Boolean.hashCode(nothing);
  }
}
