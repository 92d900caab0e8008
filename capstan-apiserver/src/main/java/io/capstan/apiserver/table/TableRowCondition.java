package io.capstan.apiserver.table;

/**
 * A {@code meta.k8s.io/v1 TableRowCondition}: extra state of a row meant for a human, such as a
 * pod that has run to completion ({@code Completed}).
 */
public record TableRowCondition(String type, String status, String reason, String message) {}
