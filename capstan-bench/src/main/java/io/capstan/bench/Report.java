package io.capstan.bench;

/** What a scenario measured, as the markdown body of its section (without the heading). */
@FunctionalInterface
public interface Report {

  String markdown();
}
