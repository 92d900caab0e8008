package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * How {@code rollout status} shows a rollout as it goes: kubectl's sentences, one per change
 * ({@link Lines}, when standard output is not a terminal); one status line redrawn in place with
 * a bar of available replicas ({@link Live}, on a terminal); or one JSON object per change
 * ({@link JsonLines}, {@code -o json}, for CI).
 */
sealed interface RolloutReport {

  /** The rollout as last read; called after every read, the report decides what changed. */
  void progress(RolloutProgress progress, RolloutProgress.Verdict verdict);

  /** The rollout failed for {@code failure}, with its container's last log lines. */
  void failed(RolloutProgress progress, PodFailure failure, String logs);

  /** The Deployment was rolled back: {@code outcome} is kubectl's sentence. */
  void rolledBack(String outcome, long revision);

  /** Ends a line left open, before anything else is printed. */
  void close();

  static RolloutReport choose(String output, boolean terminal, PrintWriter out) {
    if (output.equals("json")) {
      return new JsonLines(out, new Last());
    }
    return terminal ? new Live(out, new Last()) : new Lines(out, new Last());
  }

  /** What was shown last, to show only changes. */
  final class Last {
    private Optional<String> shown = Optional.empty();

    boolean changed(String now) {
      if (shown.filter(now::equals).isPresent()) {
        return false;
      }
      shown = Optional.of(now);
      return true;
    }

    boolean is(String value) {
      return shown.filter(value::equals).isPresent();
    }
  }

  /** kubectl's own lines, each printed once when it changes. */
  record Lines(PrintWriter out, Last last) implements RolloutReport {
    @Override
    public void progress(RolloutProgress progress, RolloutProgress.Verdict verdict) {
      if (verdict.phase() != RolloutProgress.Phase.FAILED && last.changed(verdict.message())) {
        out.println(verdict.message());
        out.flush();
      }
    }

    @Override
    public void failed(RolloutProgress progress, PodFailure failure, String logs) {}

    @Override
    public void rolledBack(String outcome, long revision) {
      out.println(outcome);
      out.flush();
    }

    @Override
    public void close() {}
  }

  /** One line redrawn in place ({@code \r} and erase-to-end-of-line), then kubectl's last line. */
  record Live(PrintWriter out, Last last) implements RolloutReport {
    static final int BAR = 20;

    @Override
    public void progress(RolloutProgress progress, RolloutProgress.Verdict verdict) {
      if (verdict.phase() == RolloutProgress.Phase.DONE) {
        close();
        out.println(verdict.message());
      } else if (verdict.phase() == RolloutProgress.Phase.WAITING) {
        out.print("\r" + line(progress) + "\u001b[K");
        last.changed("open");
      }
      out.flush();
    }

    /**
     * {@code deployment "web" revision 2 [#####...] updated 1/3  ready 1/3  available 1/3  old 2}:
     * the bar and the ready and available counts are the new ReplicaSet's, old the pods of
     * earlier revisions still counted.
     */
    static String line(RolloutProgress p) {
      int desired = Math.max(p.desired(), 0);
      int filled = desired == 0 ? BAR : Math.min(BAR, p.newAvailable() * BAR / desired);
      return "deployment \"" + p.name() + "\" revision " + p.revision() + " ["
          + "#".repeat(filled) + ".".repeat(BAR - filled) + "] updated " + p.updated() + "/"
          + desired + "  ready " + p.newReady() + "/" + desired + "  available "
          + p.newAvailable() + "/" + desired + "  old " + p.old()
          + (p.paused() ? "  (paused)" : "");
    }

    @Override
    public void failed(RolloutProgress progress, PodFailure failure, String logs) {
      close();
    }

    @Override
    public void rolledBack(String outcome, long revision) {
      close();
      out.println(outcome);
      out.flush();
    }

    @Override
    public void close() {
      if (last.is("open")) {
        last.changed("closed");
        out.println();
        out.flush();
      }
    }
  }

  /** One JSON object per line per change: the counts, the phase and kubectl's sentence. */
  record JsonLines(PrintWriter out, Last last) implements RolloutReport {
    @Override
    public void progress(RolloutProgress progress, RolloutProgress.Verdict verdict) {
      String phase = switch (verdict.phase()) {
        case WAITING -> "Progressing";
        case DONE -> "Complete";
        case FAILED -> "Failed";
      };
      String reason = verdict.phase() == RolloutProgress.Phase.FAILED
          ? "ProgressDeadlineExceeded" : "";
      emit(event(progress, phase, reason, verdict.message()));
    }

    @Override
    public void failed(RolloutProgress progress, PodFailure failure, String logs) {
      ObjectNode event = event(progress, "Failed", failure.reason(), failure.describe());
      event.put("pod", failure.pod()).put("container", failure.container()).put("logs", logs);
      emit(event);
    }

    @Override
    public void rolledBack(String outcome, long revision) {
      ObjectNode event = Json.MAPPER.createObjectNode();
      event.put("phase", "RolledBack").put("revision", revision).put("message", outcome);
      emit(event);
    }

    @Override
    public void close() {}

    static ObjectNode event(RolloutProgress p, String phase, String reason, String message) {
      ObjectNode event = Json.MAPPER.createObjectNode();
      event.put("deployment", p.name()).put("revision", p.revision())
          .put("replicas", p.desired()).put("updated", p.updated()).put("ready", p.ready())
          .put("available", p.available()).put("newReady", p.newReady())
          .put("newAvailable", p.newAvailable()).put("old", p.old()).put("phase", phase)
          .put("reason", reason).put("message", message);
      return event;
    }

    private void emit(ObjectNode event) {
      String line = event.toString();
      if (last.changed(line)) {
        out.println(line);
        out.flush();
      }
    }
  }
}
