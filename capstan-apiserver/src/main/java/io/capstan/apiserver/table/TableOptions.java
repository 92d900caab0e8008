package io.capstan.apiserver.table;

import java.util.Objects;

/**
 * How to render a Table: what rows carry ({@code includeObject}), and the negotiated
 * {@code apiVersion} ({@code meta.k8s.io/v1}, or {@code meta.k8s.io/v1beta1} for old clients),
 * which also versions the rows' {@code PartialObjectMetadata}.
 */
public record TableOptions(IncludeObject includeObject, String apiVersion) {

  public static final String V1 = "meta.k8s.io/v1";
  public static final String V1BETA1 = "meta.k8s.io/v1beta1";

  public TableOptions {
    Objects.requireNonNull(includeObject, "includeObject");
    Objects.requireNonNull(apiVersion, "apiVersion");
  }

  /** {@code meta.k8s.io/v1} with the given {@code includeObject}. */
  public static TableOptions v1(IncludeObject includeObject) {
    return new TableOptions(includeObject, V1);
  }
}
