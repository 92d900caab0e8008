package io.capstan.apiserver.registry;

/**
 * The query of a list or watch.
 *
 * @param labelSelector {@code labelSelector}, empty for none
 * @param fieldSelector {@code fieldSelector}, empty for none
 * @param resourceVersion empty (most recent, consistent), "0" (any), or a revision
 * @param resourceVersionMatch empty, {@code NotOlderThan} or {@code Exact}
 * @param limit page size, 0 for all
 * @param continueToken the {@code continue} of a previous page
 */
public record ListOptions(
    String labelSelector,
    String fieldSelector,
    String resourceVersion,
    String resourceVersionMatch,
    long limit,
    String continueToken) {

  public static final ListOptions ALL = new ListOptions("", "", "", "", 0, "");
}
