package io.capstan.cli.kubectl;

import io.capstan.apiserver.resources.validation.Quantity;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/** Resource quantities as kubectl prints them ({@code Quantity.String()}): canonical form. */
final class Quantities {

  static final Quantity ZERO = new Quantity(BigDecimal.ZERO, Quantity.Format.DECIMAL_SI);

  private Quantities() {}

  static String canonical(JsonNode value) {
    String text = value.asString("");
    return Quantity.parse(text).map(Quantity::canonical).orElse(text);
  }

  static Quantity parse(JsonNode value) {
    return Quantity.parse(value.asString("")).orElse(ZERO);
  }

  /** {@code a + b}, keeping the format of the first non-zero operand as Go's {@code Add} does. */
  static Quantity add(Quantity a, Quantity b) {
    return a.value().signum() == 0 ? new Quantity(a.value().add(b.value()), b.format())
        : a.plus(b);
  }
}
