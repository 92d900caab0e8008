package io.capstan.controller.runtime;

/**
 * What a {@link LeaderElector} tells its owner. Both run on the elector's scheduler thread and must
 * return quickly: start or stop the real work elsewhere.
 */
public interface LeaderCallbacks {

  void onStartedLeading();

  void onStoppedLeading();
}
