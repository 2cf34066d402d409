package io.github.huashu.internal.train;

import io.github.huashu.internal.features.StringIds;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Numbers strings in order of first sight, for many threads at once: the provisional ids of a
 * corpus's features while its texts are analysed. A table of slots (each a string's hash and where
 * its characters are) over one array of characters, probed without a lock: a lookup costs a slot
 * and the characters it points to, where a {@code ConcurrentHashMap} of strings costs a bin, a
 * node, the key and its bytes (at 10,000 intents, ten million lookups in tables far larger than the
 * caches, and a tenth of the load's CPU).
 *
 * <p>Thread-safe. Lookups never lock; a string seen for the first time is added under the lock. A
 * slot is published (release) after the characters it points to are written, and read (acquire)
 * before them. A table that must grow is copied whole and the copy published, so a reader holding
 * the old one still sees complete entries (only not the newest, which it then finds under the
 * lock).
 */
final class FeatureIds {

  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

  /** Characters before an entry's own: its length and its id, two each. */
  private static final int HEADER = 4;

  /** One generation of the table. */
  private static final class Table {
    /** Per slot, 0 (empty) or the hash in the high half and the entry's offset in the low. */
    final long[] slots;

    /** The entries: length, id, characters; offset 0 is never an entry. */
    final char[] chars;

    int used = 1;

    Table(long[] slots, char[] chars) {
      this.slots = slots;
      this.chars = chars;
    }
  }

  private volatile Table table = new Table(new long[1 << 12], new char[1 << 16]);

  /** Strings numbered, and each one's offset and hash by id (only under the lock). */
  private int size;

  private int[] offsets = new int[1 << 10];
  private int[] hashes = new int[1 << 10];

  /** The string's id: the number of strings seen before it, the first time it is seen. */
  int id(String key) {
    int hash = key.hashCode();
    int found = find(table, key, hash);
    if (found >= 0) {
      return found;
    }
    synchronized (this) {
      Table current = table;
      found = find(current, key, hash);
      return found >= 0 ? found : add(current, key, hash);
    }
  }

  /** How many strings have ids. */
  synchronized int size() {
    return size;
  }

  /** The string of an id. */
  synchronized String string(int id) {
    Table current = table;
    int offset = offsets[id];
    int length = current.chars[offset] << 16 | current.chars[offset + 1];
    return new String(current.chars, offset + HEADER, length);
  }

  private static int find(Table table, String key, int hash) {
    long[] slots = table.slots;
    int mask = slots.length - 1;
    int length = key.length();
    for (int at = StringIds.spread(hash) & mask; ; at = (at + 1) & mask) {
      long slot = (long) SLOTS.getAcquire(slots, at);
      if (slot == 0) {
        return -1;
      }
      if ((int) (slot >>> 32) == hash) {
        int offset = (int) slot;
        char[] chars = table.chars;
        if ((chars[offset] << 16 | chars[offset + 1]) == length && same(chars, offset, key)) {
          return chars[offset + 2] << 16 | chars[offset + 3];
        }
      }
    }
  }

  private static boolean same(char[] chars, int offset, String key) {
    int from = offset + HEADER;
    for (int i = 0; i < key.length(); i++) {
      if (chars[from + i] != key.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Adds the key (absent from the current table); under the lock. */
  private int add(Table current, String key, int hash) {
    int id = size;
    int length = key.length();
    Table target = current;
    boolean full = (size + 1) * 2 > current.slots.length;
    if (full || current.used + HEADER + length > current.chars.length) {
      // A new generation: the old one stays as it is for readers that hold it.
      int slots = full ? current.slots.length * 2 : current.slots.length;
      int chars = Math.max(current.chars.length, current.used + HEADER + length);
      while (chars < current.used + HEADER + length + (current.chars.length >> 1)) {
        chars *= 2;
      }
      target = new Table(new long[slots], Arrays.copyOf(current.chars, chars));
      target.used = current.used;
      for (int i = 0; i < size; i++) {
        place(target.slots, ((long) hashes[i] << 32) | offsets[i], hashes[i], false);
      }
    }
    int offset = target.used;
    char[] chars = target.chars;
    chars[offset] = (char) (length >>> 16);
    chars[offset + 1] = (char) length;
    chars[offset + 2] = (char) (id >>> 16);
    chars[offset + 3] = (char) id;
    key.getChars(0, length, chars, offset + HEADER);
    target.used = offset + HEADER + length;
    if (id == offsets.length) {
      offsets = Arrays.copyOf(offsets, id * 2);
      hashes = Arrays.copyOf(hashes, id * 2);
    }
    offsets[id] = offset;
    hashes[id] = hash;
    size = id + 1;
    place(target.slots, ((long) hash << 32) | offset, hash, true);
    if (target != current) {
      table = target;
    }
    return id;
  }

  /** Puts a slot in the first free place from its hash's; published (release) if readers see it. */
  private static void place(long[] slots, long slot, int hash, boolean publish) {
    int mask = slots.length - 1;
    int at = StringIds.spread(hash) & mask;
    while (slots[at] != 0) {
      at = (at + 1) & mask;
    }
    if (publish) {
      SLOTS.setRelease(slots, at, slot);
    } else {
      slots[at] = slot;
    }
  }
}
