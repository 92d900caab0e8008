package io.capstan.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RevisionsTest {

    static ReplicaSet withRevision(String revision) {
        ReplicaSetBuilder b = new ReplicaSetBuilder().withNewMetadata().withName("rs-" + revision).endMetadata();
        if (revision != null) {
            b.editMetadata().addToAnnotations(DeploymentAnnotations.REVISION, revision).endMetadata();
        }
        return b.build();
    }

    record MaxCase(String name, List<String> revisions, long max) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<MaxCase> maxima() {
        return Stream.of(
                new MaxCase("no ReplicaSets", List.of(), 0),
                new MaxCase("missing annotation counts as 0", Arrays.asList((String) null), 0),
                new MaxCase("highest wins", List.of("1", "3", "2"), 3),
                new MaxCase("unparsable is skipped", List.of("1", "x", "2"), 2),
                new MaxCase("int64 range", List.of("4294967296", "2"), 4294967296L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maxima")
    void findsTheMaximumRevision(MaxCase c) {
        List<ReplicaSet> rss = c.revisions().stream().map(RevisionsTest::withRevision).toList();
        assertThat(Revisions.maxRevision(rss)).isEqualTo(c.max());
        assertThat(Revisions.nextRevision(rss)).isEqualTo(c.max() + 1);
    }

    record RaiseCase(String name, String revision, String history, long newRevision, String expectedRevision,
                     String expectedHistory) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<RaiseCase> raises() {
        return Stream.of(
                new RaiseCase("new RS gets its first revision, no history", null, null, 1, "1", null),
                new RaiseCase("rollback to revision 1 records it", "1", null, 3, "3", "1"),
                new RaiseCase("second rollback appends", "3", "1", 5, "5", "1,3"),
                new RaiseCase("never lowered", "7", null, 5, "7", null),
                new RaiseCase("equal is left alone", "5", "1,3", 5, "5", "1,3"),
                new RaiseCase("unparsable revision is left alone", "x", null, 5, "x", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("raises")
    void raisesRevisionsAndKeepsHistory(RaiseCase c) {
        Map<String, String> annotations = new HashMap<>();
        if (c.revision() != null) {
            annotations.put(DeploymentAnnotations.REVISION, c.revision());
        }
        if (c.history() != null) {
            annotations.put(DeploymentAnnotations.REVISION_HISTORY, c.history());
        }
        Map<String, String> result = Revisions.raiseRevision(annotations, c.newRevision());
        assertThat(result.get(DeploymentAnnotations.REVISION)).isEqualTo(c.expectedRevision());
        assertThat(Optional.ofNullable(result.get(DeploymentAnnotations.REVISION_HISTORY)))
                .isEqualTo(Optional.ofNullable(c.expectedHistory()));
    }

    record HistoryCase(String name, String history, String appended, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<HistoryCase> histories() {
        String full = IntStream.range(1000, 1400).mapToObj(Integer::toString).collect(Collectors.joining(","));
        return Stream.of(
                new HistoryCase("empty history", "", "4", "4"),
                new HistoryCase("append", "1,2", "4", "1,2,4"),
                new HistoryCase("drops oldest entries past 2000 characters", full, "9999",
                        full.substring("1000,".length()) + ",9999"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void appendsToHistoryWithinTheLimit(HistoryCase c) {
        String result = Revisions.appendHistory(c.history(), c.appended()).orElseThrow();
        assertThat(result).isEqualTo(c.expected());
        assertThat(result.length()).isLessThanOrEqualTo(Revisions.MAX_HISTORY_CHARS);
    }
}
