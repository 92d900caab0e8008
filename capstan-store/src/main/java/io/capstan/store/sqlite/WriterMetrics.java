package io.capstan.store.sqlite;

/**
 * What the group-commit writer has done since the store was opened.
 *
 * @param submitted operations handed to the writer, including ones still waiting
 * @param operations operations the writer has finished (committed, refused or failed)
 * @param transactions transactions it committed; far fewer than {@code operations} under load
 */
public record WriterMetrics(long submitted, long operations, long transactions) {}
