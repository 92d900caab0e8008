package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import java.util.ArrayList;
import java.util.List;

/** Checks on file paths inside volumes and mounts. */
final class Paths {

  static final String FILE_MODE_ERROR =
      "must be a number between 0 and 0777 (octal), both inclusive";

  private Paths() {}

  /** {@code validateLocalDescendingPath}: relative and without {@code ..} elements. */
  static List<FieldError> localDescending(String target, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (target.startsWith("/")) {
      errs.add(FieldError.invalid(path.text(), target, "must be a relative path"));
    }
    errs.addAll(noBacksteps(target, path));
    return errs;
  }

  static List<FieldError> noBacksteps(String target, FieldPath path) {
    for (String part : target.replace('\\', '/').split("/", -1)) {
      if (part.equals("..")) {
        return List.of(FieldError.invalid(path.text(), target, "must not contain '..'"));
      }
    }
    return List.of();
  }

  /** {@code ValidateLocalNonReservedPath}: also may not start with {@code ..}. */
  static List<FieldError> localNonReserved(String target, FieldPath path) {
    List<FieldError> errs = new ArrayList<>(localDescending(target, path));
    if (target.startsWith("..") && !target.startsWith("../")) {
      errs.add(FieldError.invalid(path.text(), target, "must not start with '..'"));
    }
    return errs;
  }

  static List<FieldError> fileMode(Long mode, FieldPath path) {
    if (mode != null && (mode > 0777 || mode < 0)) {
      return List.of(FieldError.invalid(path.text(), mode, FILE_MODE_ERROR));
    }
    return List.of();
  }
}
