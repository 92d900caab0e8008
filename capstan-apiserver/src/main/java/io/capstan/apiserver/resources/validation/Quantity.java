package io.capstan.apiserver.resources.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 1Gi}, {@code 1e3}): its exact value, the
 * format it was written in, and the canonical text Kubernetes stores and prints.
 *
 * <p>Canonical text keeps the family of the suffix the user chose. Decimal values are written with
 * an integer mantissa and the largest power of 1000 that keeps it whole ({@code 0.5} becomes
 * {@code 500m}, {@code 12000} becomes {@code 12k}, {@code 1500} stays {@code 1500}); binary values
 * use the largest power of 1024 ({@code 0.5Gi} becomes {@code 512Mi}) unless they are below 1024 or
 * fractional, in which case they fall back to decimal.
 */
public record Quantity(BigDecimal value, Format format) implements Comparable<Quantity> {

  /** The suffix family of a quantity. */
  public enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

  /** Kubernetes' message for unparsable quantities. */
  public static final String FORMAT_ERROR =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  private static final Pattern SHAPE =
      Pattern.compile("([+-]?)([0-9]*)(?:\\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)");
  private static final Pattern EXPONENT = Pattern.compile("[eE]([-+]?[0-9]+)");
  private static final Map<String, Integer> DECIMAL = Map.of(
      "n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
  private static final Map<String, Integer> BINARY = Map.of(
      "Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);

  public static Optional<Quantity> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    String whole = m.group(2);
    String fraction = m.group(3) == null ? "" : m.group(3);
    if (whole.isEmpty() && fraction.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal((whole.isEmpty() ? "0" : whole)
        + (fraction.isEmpty() ? "" : "." + fraction));
    if (m.group(1).equals("-")) {
      number = number.negate();
    }
    String suffix = m.group(4);
    if (BINARY.containsKey(suffix)) {
      BigDecimal factor = new BigDecimal(BigInteger.TWO.pow(BINARY.get(suffix)));
      return Optional.of(new Quantity(number.multiply(factor), Format.BINARY_SI));
    }
    if (DECIMAL.containsKey(suffix)) {
      return Optional.of(new Quantity(number.scaleByPowerOfTen(DECIMAL.get(suffix)),
          Format.DECIMAL_SI));
    }
    Matcher e = EXPONENT.matcher(suffix);
    if (e.matches()) {
      String digits = e.group(1);
      if (digits.replaceFirst("^[-+]", "").length() > 9) {
        return Optional.empty();
      }
      return Optional.of(new Quantity(number.scaleByPowerOfTen(Integer.parseInt(digits)),
          Format.DECIMAL_EXPONENT));
    }
    return Optional.empty();
  }

  public boolean isInteger() {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  /** Rounds up (away from zero) to milli precision, as Kubernetes defaults resource lists. */
  public Quantity roundUpToMilli() {
    if (value.scale() <= 3) {
      return this;
    }
    return new Quantity(value.setScale(3, RoundingMode.UP), format);
  }

  public Quantity plus(Quantity other) {
    return new Quantity(value.add(other.value), format);
  }

  @Override
  public int compareTo(Quantity other) {
    return value.compareTo(other.value);
  }

  /** Equality by value, ignoring the format. */
  public boolean sameValue(Quantity other) {
    return compareTo(other) == 0;
  }

  /** The text Kubernetes stores: see the class comment. */
  public String canonical() {
    if (value.signum() == 0) {
      return "0";
    }
    Format effective = format;
    if (effective == Format.BINARY_SI
        && (value.abs().compareTo(BigDecimal.valueOf(1024)) < 0 || !isInteger())) {
      effective = Format.DECIMAL_SI;
    }
    if (effective == Format.BINARY_SI) {
      BigInteger amount = value.toBigIntegerExact();
      BigInteger k = BigInteger.valueOf(1024);
      int exponent = 0;
      while (exponent < 60 && amount.mod(k).signum() == 0) {
        amount = amount.divide(k);
        exponent += 10;
      }
      String suffix = exponent == 0 ? "" : binarySuffix(exponent);
      return amount + suffix;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    BigInteger mantissa = stripped.unscaledValue();
    int exponent = -stripped.scale();
    int rem = Math.floorMod(exponent, 3);
    if (rem != 0) {
      mantissa = mantissa.multiply(BigInteger.TEN.pow(rem));
      exponent -= rem;
    }
    if (effective == Format.DECIMAL_SI) {
      for (Map.Entry<String, Integer> e : DECIMAL.entrySet()) {
        if (e.getValue() == exponent) {
          return mantissa + e.getKey();
        }
      }
    }
    return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
  }

  private static String binarySuffix(int exponent) {
    for (Map.Entry<String, Integer> e : BINARY.entrySet()) {
      if (e.getValue() == exponent) {
        return e.getKey();
      }
    }
    return "";
  }

  @Override
  public String toString() {
    return canonical();
  }

  /**
   * {@code SetDefaults_ResourceList}: every quantity of a resource list is rounded up to milli
   * precision and stored in canonical form. Values that do not parse are left for validation.
   */
  public static void canonicalizeList(ObjectNode list) {
    for (String name : List.copyOf(list.propertyNames())) {
      JsonNode value = list.get(name);
      if (value.isString() || value.isNumber()) {
        parse(value.asString()).ifPresent(q -> list.put(name, q.roundUpToMilli().canonical()));
      }
    }
  }
}
