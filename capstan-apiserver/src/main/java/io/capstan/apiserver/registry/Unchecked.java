package io.capstan.apiserver.registry;

import io.capstan.apiserver.errors.FieldError;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The strategy of server-side writes that check their own preconditions and touch fields the
 * main strategy forbids clients to change (a binding sets {@code spec.nodeName}; finalize sets
 * {@code spec.finalizers}).
 */
public final class Unchecked implements ResourceStrategy {

  public static final Unchecked INSTANCE = new Unchecked();

  private Unchecked() {}

  @Override
  public List<FieldError> validate(ObjectNode object) {
    return List.of();
  }
}
