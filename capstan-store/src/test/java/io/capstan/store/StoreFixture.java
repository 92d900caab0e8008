package io.capstan.store;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * What every part of the store conformance suite stands on: a new store per test, closed after
 * it, and a root of the test's own for its keys, so a backend may share one server between tests.
 */
public abstract class StoreFixture {

  protected Store store;
  private String root;

  /** A new store; revisions and compaction must start from its own state only. */
  protected abstract Store newStore() throws Exception;

  @BeforeEach
  public void openStore(TestInfo test) throws Exception {
    root = "/" + test.getTestMethod().orElseThrow().getName() + "/";
    store = newStore();
  }

  @AfterEach
  public void closeStore() {
    store.close();
  }

  protected String root() {
    return root;
  }

  protected String key(String name) {
    return root + name;
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  protected static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(10));
  }
}
