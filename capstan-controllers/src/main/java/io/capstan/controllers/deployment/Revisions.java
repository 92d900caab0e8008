package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Revision numbers of a Deployment's ReplicaSets (DU {@code Revision}, {@code MaxRevision},
 * {@code SetNewReplicaSetAnnotations}): the {@code revision} annotation is an int64, a missing one counts as 0, and an
 * unparsable one is skipped when looking for the maximum. A revision is only ever raised; the value it replaces is
 * appended to {@code revision-history}, which is kept within {@value #MAX_HISTORY_CHARS} characters by dropping the
 * oldest entries.
 */
public final class Revisions {
    /** {@code sync.go} maxRevHistoryLengthInChars. */
    public static final int MAX_HISTORY_CHARS = 2000;

    private Revisions() {
    }

    /** The revision of an object: 0 when unannotated, empty when the annotation is not an int64. */
    public static Optional<Long> revision(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(DeploymentAnnotations.REVISION);
        return value == null ? Optional.of(0L) : parse(value);
    }

    public static Optional<Long> parse(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code MaxRevision}: the highest parsable revision, 0 for none. */
    public static long maxRevision(Collection<? extends HasMetadata> objects) {
        return objects.stream().map(Revisions::revision).flatMap(Optional::stream).mapToLong(Long::longValue)
                .max().orElse(0L);
    }

    /** The revision a new ReplicaSet gets (and an old one that becomes new again): one above every old one. */
    public static long nextRevision(Collection<? extends HasMetadata> oldReplicaSets) {
        return maxRevision(oldReplicaSets) + 1;
    }

    /**
     * The annotations of the new ReplicaSet with its revision raised to {@code newRevision} (the revision part of
     * {@code SetNewReplicaSetAnnotations}). Unchanged when the current revision is already at least as high, or when it is
     * set but not a number. When an existing revision is raised (a rollback to this ReplicaSet), it joins the history.
     */
    public static Map<String, String> raiseRevision(Map<String, String> annotations, long newRevision) {
        String old = annotations.get(DeploymentAnnotations.REVISION);
        long oldRevision;
        if (old == null || old.isEmpty()) {
            oldRevision = 0;
        } else {
            Optional<Long> parsed = parse(old);
            if (parsed.isEmpty()) {
                return annotations;
            }
            oldRevision = parsed.get();
        }
        if (oldRevision >= newRevision) {
            return annotations;
        }
        Map<String, String> result = new HashMap<>(annotations);
        result.put(DeploymentAnnotations.REVISION, Long.toString(newRevision));
        if (old != null) {
            appendHistory(result.get(DeploymentAnnotations.REVISION_HISTORY), old)
                    .ifPresent(h -> result.put(DeploymentAnnotations.REVISION_HISTORY, h));
        }
        return result;
    }

    /** The history with {@code revision} appended, dropping the oldest entries to stay within the limit. */
    static Optional<String> appendHistory(String history, String revision) {
        if (history == null || history.isEmpty() || history.startsWith(",")) {
            // Upstream checks only the first comma-separated entry for emptiness.
            return Optional.of(revision);
        }
        List<String> entries = new ArrayList<>(Arrays.asList(history.split(",", -1)));
        int totalLength = history.length() + revision.length() + 1;
        int start = 0;
        while (totalLength > MAX_HISTORY_CHARS && start < entries.size()) {
            totalLength -= entries.get(start).length() + 1;
            start++;
        }
        if (totalLength > MAX_HISTORY_CHARS) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>(entries.subList(start, entries.size()));
        kept.add(revision);
        return Optional.of(String.join(",", kept));
    }
}
