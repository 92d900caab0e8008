package io.capstan.store.etcd;

import com.google.protobuf.ByteString;
import io.capstan.store.KeyValue;
import java.nio.charset.StandardCharsets;

/**
 * Maps store keys to etcd keys: the store's key space sits under a fixed prefix of the etcd key
 * space (empty by default, so {@code /registry/...} is the same key in both).
 */
final class EtcdKeys {

  private final String prefix;

  EtcdKeys(String prefix) {
    this.prefix = prefix;
  }

  ByteString toEtcd(String key) {
    return ByteString.copyFromUtf8(prefix + key);
  }

  String fromEtcd(ByteString etcdKey) {
    String full = etcdKey.toString(StandardCharsets.UTF_8);
    return full.substring(prefix.length());
  }

  KeyValue toKeyValue(io.capstan.store.etcd.mvccpb.KeyValue kv) {
    return new KeyValue(fromEtcd(kv.getKey()), kv.getValue().toByteArray(),
        kv.getCreateRevision(), kv.getModRevision());
  }

  /**
   * etcd's end of the range of keys that start with {@code start}: the prefix with its last byte
   * below 0xff incremented. The empty range end means "just this key" to etcd, so a prefix of only
   * 0xff bytes (which has no end) reads to the end of the key space instead, written {@code \0}.
   */
  static ByteString prefixEnd(ByteString start) {
    byte[] bytes = start.toByteArray();
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] != (byte) 0xff) {
        byte[] end = java.util.Arrays.copyOf(bytes, i + 1);
        end[i]++;
        return ByteString.copyFrom(end);
      }
    }
    return ByteString.copyFrom(new byte[] {0});
  }

  /** The smallest key after {@code key}: the key followed by a zero byte. */
  static ByteString successor(ByteString key) {
    return key.concat(ByteString.copyFrom(new byte[] {0}));
  }
}
