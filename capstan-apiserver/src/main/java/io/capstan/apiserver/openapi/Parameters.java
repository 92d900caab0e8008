package io.capstan.apiserver.openapi;

import io.capstan.apiserver.openapi.ApiOperation.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The standard parameters of Kubernetes' REST operations. kubectl reads one of them from the
 * published documents: it sends {@code fieldValidation=Strict} only when the resource's PATCH
 * operation lists {@code fieldValidation}.
 */
final class Parameters {

  static final Parameter PRETTY = query("pretty", "string",
      "If 'true', the output is pretty printed.");
  static final Parameter DRY_RUN = query("dryRun", "string",
      "When present, the changes are validated but not persisted. The only valid value is All.");
  static final Parameter FIELD_MANAGER = query("fieldManager", "string",
      "The name of the actor making the change, recorded in managedFields.");
  static final Parameter FIELD_VALIDATION = query("fieldValidation", "string",
      "What to do with unknown or duplicate fields in the request body: Ignore drops them, Warn"
          + " (the default) drops them and reports each in a Warning header, Strict rejects the"
          + " request.");
  static final Parameter FORCE = query("force", "boolean",
      "Take over fields other managers own. Only for apply patches.");
  static final Parameter GRACE_PERIOD = query("gracePeriodSeconds", "integer",
      "Seconds before the object is deleted; zero deletes immediately.");
  static final Parameter IGNORE_STORE_READ_ERROR = query(
      "ignoreStoreReadErrorWithClusterBreakingPotential", "boolean",
      "Delete an object whose stored data cannot be read. May break the cluster.");
  static final Parameter ORPHAN = query("orphanDependents", "boolean",
      "Deprecated: use propagationPolicy. Whether dependents are orphaned.");
  static final Parameter PROPAGATION = query("propagationPolicy", "string",
      "How dependents are garbage-collected: Orphan, Background or Foreground.");

  static final List<Parameter> LIST = List.of(
      query("allowWatchBookmarks", "boolean", "Ask for BOOKMARK events in a watch."),
      query("continue", "string", "The continue token of the previous page of a list."),
      query("fieldSelector", "string", "Restricts the objects returned by their fields."),
      query("labelSelector", "string", "Restricts the objects returned by their labels."),
      query("limit", "integer", "The maximum number of objects in one page of a list."),
      query("resourceVersion", "string", "The resource version the list or watch starts at."),
      query("resourceVersionMatch", "string",
          "How resourceVersion applies to a list: Exact or NotOlderThan."),
      query("sendInitialEvents", "boolean",
          "Start a watch with ADDED events for the existing objects."),
      query("timeoutSeconds", "integer", "Closes the list or watch call after this long."),
      query("watch", "boolean", "Watch for changes instead of listing."));

  /** The parameters of create, replace and of the status and scale writes. */
  static final List<Parameter> WRITE = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION);

  static final List<Parameter> PATCH = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE);

  static final List<Parameter> DELETE = List.of(DRY_RUN, GRACE_PERIOD, IGNORE_STORE_READ_ERROR,
      ORPHAN, PROPAGATION);

  private Parameters() {}

  static Parameter name(String kind) {
    return new Parameter("name", "path", "string", true, "name of the " + kind);
  }

  static Parameter namespace() {
    return new Parameter("namespace", "path", "string", true,
        "object name and auth scope, such as for teams and projects");
  }

  /** What delete-collection takes: the list parameters except watch ones, and the delete ones. */
  static List<Parameter> deleteCollection() {
    var all = new ArrayList<Parameter>();
    for (Parameter p : LIST) {
      if (!p.name().equals("watch") && !p.name().equals("allowWatchBookmarks")) {
        all.add(p);
      }
    }
    all.addAll(DELETE);
    all.sort(Comparator.comparing(Parameter::name));
    return all;
  }

  private static Parameter query(String name, String type, String description) {
    return new Parameter(name, "query", type, false, description);
  }
}
