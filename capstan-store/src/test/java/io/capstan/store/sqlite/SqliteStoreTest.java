package io.capstan.store.sqlite;

import io.capstan.store.Store;
import io.capstan.store.StoreConformanceTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreConformanceTest {

  @TempDir
  Path dir;

  @Override
  protected Store newStore() {
    return SqliteStore.open(dir.resolve("store.db"), SqliteStore.Options.defaults());
  }
}
