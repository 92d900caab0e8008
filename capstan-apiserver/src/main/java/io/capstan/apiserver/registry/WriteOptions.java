package io.capstan.apiserver.registry;

/**
 * Query options shared by create, update and patch.
 *
 * @param dryRun {@code dryRun=All}: run everything but the write
 * @param fieldManager the writer's name (accepted; Capstan does not track managed fields)
 */
public record WriteOptions(boolean dryRun, String fieldManager) {

  public static final WriteOptions DEFAULT = new WriteOptions(false, "");
}
