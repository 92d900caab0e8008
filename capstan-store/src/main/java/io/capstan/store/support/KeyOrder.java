package io.capstan.store.support;

import java.util.Comparator;
import java.util.Optional;

/**
 * Keys compare by Unicode code point, which is the order of their UTF-8 bytes: the order etcd and
 * SQLite ({@code BINARY} collation) list keys in. Java's {@link String#compareTo} differs from it
 * for characters above U+FFFF, so in-memory indexes use {@link #CODE_POINT_ORDER} to agree with
 * the other backends.
 */
public final class KeyOrder {

  public static final Comparator<String> CODE_POINT_ORDER = KeyOrder::compare;

  private KeyOrder() {}

  public static int compare(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(i);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
    }
    return Integer.compare(a.length() - i, b.length() - i);
  }

  /**
   * The smallest key greater than every key that starts with {@code prefix}, so that the keys
   * under a prefix are exactly {@code prefix <= key < prefixEnd}. For example {@code "/a/"} ends
   * at {@code "/a0"}. Empty when no such bound exists (the empty prefix covers every key).
   */
  public static Optional<String> prefixEnd(String prefix) {
    int[] codePoints = prefix.codePoints().toArray();
    for (int n = codePoints.length - 1; n >= 0; n--) {
      int next = codePoints[n] + 1;
      if (next == Character.MIN_SURROGATE) {
        next = Character.MAX_SURROGATE + 1;
      }
      if (next <= Character.MAX_CODE_POINT) {
        codePoints[n] = next;
        return Optional.of(new String(codePoints, 0, n + 1));
      }
    }
    return Optional.empty();
  }
}
