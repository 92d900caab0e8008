package io.capstan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract of list: prefixes, paging, reading the past, and the revisions it refuses. */
public abstract class StoreListCases extends StoreWriteCases {

  private List<String> keysOf(ListResult result) {
    return result.items().stream().map(KeyValue::key).toList();
  }

  @Test
  public void listReturnsTheKeysUnderAPrefixInKeyOrder() {
    for (String name : List.of("a/2", "ab", "a/1", "a", "b/1", "a/3/x")) {
      store.create(key(name), bytes(name));
    }

    ListResult result = store.list(ListRequest.all(key("a/")));

    assertThat(keysOf(result)).containsExactly(key("a/1"), key("a/2"), key("a/3/x"));
    assertThat(result.items().getFirst().valueAsString()).isEqualTo("a/1");
    assertThat(result.remaining()).isZero();
    assertThat(result.hasMore()).isFalse();
  }

  @Test
  public void listAtRevisionZeroReadsTheNewestAndReportsItsRevision() {
    store.create(key("a"), bytes("1"));
    KeyValue b = store.create(key("b"), bytes("1"));

    ListResult result = store.list(ListRequest.all(root()));

    assertThat(result.revision()).isEqualTo(b.modRevision()).isEqualTo(store.currentRevision());
    assertThat(keysOf(result)).containsExactly(key("a"), key("b"));
  }

  @Test
  public void listLeavesOutDeletedKeys() {
    store.create(key("a"), bytes("1"));
    store.create(key("b"), bytes("1"));
    store.delete(key("a"), 0);

    assertThat(keysOf(store.list(ListRequest.all(root())))).containsExactly(key("b"));
  }

  @Test
  public void pagesAtOneRevisionStayConsistentWhileWritesHappenBetweenThem() {
    for (int i = 0; i < 10; i++) {
      store.create(key("p/" + i), bytes("v" + i));
    }
    ListRequest request = ListRequest.all(key("p/")).withLimit(4);

    ListResult first = store.list(request);
    store.create(key("p/35"), bytes("new"));
    store.delete(key("p/5"), 0);
    KeyValue six = store.get(key("p/6")).orElseThrow();
    store.update(key("p/6"), bytes("changed"), six.modRevision());
    ListResult second = store.list(request.atRevision(first.revision())
        .startingAfter(first.items().getLast().key()));
    ListResult third = store.list(request.atRevision(first.revision())
        .startingAfter(second.items().getLast().key()));

    assertThat(keysOf(first)).containsExactly(key("p/0"), key("p/1"), key("p/2"), key("p/3"));
    assertThat(first.remaining()).isEqualTo(6);
    assertThat(keysOf(second)).containsExactly(key("p/4"), key("p/5"), key("p/6"), key("p/7"));
    assertThat(second.items().get(2).valueAsString()).isEqualTo("v6");
    assertThat(second.remaining()).isEqualTo(2);
    assertThat(second.revision()).isEqualTo(first.revision());
    assertThat(keysOf(third)).containsExactly(key("p/8"), key("p/9"));
    assertThat(third.remaining()).isZero();
  }

  @Test
  public void pagingAtTheNewestRevisionSeesTheNewestState() {
    for (int i = 0; i < 5; i++) {
      store.create(key("p/" + i), bytes("v" + i));
    }
    store.delete(key("p/1"), 0);

    ListResult page = store.list(ListRequest.all(key("p/")).withLimit(2));

    assertThat(keysOf(page)).containsExactly(key("p/0"), key("p/2"));
    assertThat(page.remaining()).isEqualTo(2);
  }

  @Test
  public void startAfterOutsideThePrefixIsHarmless() {
    store.create(key("a/1"), bytes("1"));

    assertThat(keysOf(store.list(ListRequest.all(key("a/")).startingAfter(key("0")))))
        .containsExactly(key("a/1"));
    assertThat(store.list(ListRequest.all(key("a/")).startingAfter(key("b"))).items())
        .isEmpty();
  }

  @Test
  public void listAtAnOldRevisionShowsTheStateOfThatRevision() {
    KeyValue a1 = store.create(key("a"), bytes("a1"));
    KeyValue b1 = store.create(key("b"), bytes("b1"));
    long then = store.currentRevision();
    store.update(key("a"), bytes("a2"), a1.modRevision());
    store.delete(key("b"), 0);
    store.create(key("c"), bytes("c1"));

    ListResult past = store.list(ListRequest.all(root()).atRevision(then));
    ListResult now = store.list(ListRequest.all(root()));

    assertThat(past.items()).containsExactly(a1, b1);
    assertThat(past.revision()).isEqualTo(then);
    assertThat(keysOf(now)).containsExactly(key("a"), key("c"));
    assertThat(now.items().getFirst().valueAsString()).isEqualTo("a2");
  }

  @Test
  public void listAtAFutureRevisionFails() {
    store.create(key("a"), bytes("1"));

    assertThatThrownBy(() -> store.list(
        ListRequest.all(root()).atRevision(store.currentRevision() + 1)))
        .isInstanceOf(StoreException.FutureRevision.class);
  }

  @Test
  public void listBelowTheCompactedRevisionFails() {
    KeyValue a = store.create(key("a"), bytes("1"));
    store.update(key("a"), bytes("2"), a.modRevision());
    long compactedAt = store.currentRevision();
    store.compact(compactedAt);

    assertThatThrownBy(() -> store.list(ListRequest.all(root()).atRevision(compactedAt - 1)))
        .isInstanceOfSatisfying(StoreException.Compacted.class,
            e -> assertThat(e.compactedRevision()).isEqualTo(compactedAt));
    assertThat(store.list(ListRequest.all(root()).atRevision(compactedAt)).items())
        .singleElement().satisfies(kv -> assertThat(kv.valueAsString()).isEqualTo("2"));
  }
}
